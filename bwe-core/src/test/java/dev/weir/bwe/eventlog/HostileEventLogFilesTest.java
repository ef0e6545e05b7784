package dev.weir.bwe.eventlog;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each crafted bad event log (src/test/resources/hostile/eventlog, also fed to the CLI's 256 MB
 * probe) gives an {@link EventLogFormatException} that names the problem, before anything sized
 * from the file is allocated.
 */
class HostileEventLogFilesTest {
    private static final Path DIR = Path.of("src/test/resources/hostile/eventlog");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "header-text-over-1mib.weirlog      | header, byte 16: estimator name of 1048577 bytes exceeds the 1048576-byte limit",
        "report-claims-2e20-entries.weirlog | truncated: the log ends inside this record",
        "report-over-the-cap.weirlog        | feedback report of 1048577 packets exceeds the 1048576 limit",
        "string-over-4kib.weirlog           | string of 4097 bytes exceeds the 4096-byte limit",
        "varint-over-64-bits.weirlog        | varint longer than 10 bytes",
    })
    void eachHostileLogIsRejectedWithItsProblemNamed(String file, String problem) throws IOException {
        EventLogFormatException e = assertThrows(EventLogFormatException.class, () -> {
            try (EventLogReader reader = EventLogReader.open(DIR.resolve(file))) {
                LoggedEvent event = new LoggedEvent();
                while (reader.next(event)) {
                    // read everything
                }
            }
        });
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains(problem), e.getMessage());
    }
}
