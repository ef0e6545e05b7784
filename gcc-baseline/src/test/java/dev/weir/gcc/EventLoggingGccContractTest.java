package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * GCC with every call recorded into an event log passes the contract too: recording changes no
 * result, survives the contract's nonsense and allocates nothing per packet.
 */
class EventLoggingGccContractTest extends BandwidthEstimatorContract {
    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        try {
            return new EventLoggingEstimator(new GoogCcEstimator(minBps, startBps, maxBps),
                    new EventLogWriter(OutputStream.nullOutputStream(),
                            new EventLogHeader("gcc", "", "", "contract", 0, minBps, startBps, maxBps)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
