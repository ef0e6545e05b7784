package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The path's set-up order and its teardown, on a recording fake of {@code ip} and {@code tc}: what a
 * failed step leaves (nothing), what teardown removes (both namespaces, processes first), that it
 * runs once, and which leftovers of earlier runs are removed.
 */
class NetnsPathTest {
    private static final String TOKEN = "abcd1234";
    private static final long PID = ProcessHandle.current().pid();
    private static final String SND = "weir-" + PID + "-" + TOKEN + "-snd";
    private static final String RCV = "weir-" + PID + "-" + TOKEN + "-rcv";
    private static final Tbf TBF = Tbf.forRate(1_000_000, 300_000);

    /** Records every command; fails those the predicate selects; answers {@code ip netns list} and pids. */
    static final class FakeRunner implements CommandRunner {
        final List<String> commands = new ArrayList<>();
        Predicate<String> fails = command -> false;
        String namespaces = "";

        @Override
        public Result run(List<String> command) {
            String line = String.join(" ", command);
            commands.add(line);
            if (fails.test(line)) {
                return new Result(2, "RTNETLINK answers: Operation not permitted");
            }
            if (line.equals("ip netns list")) {
                return new Result(0, namespaces);
            }
            return new Result(0, "");
        }
    }

    @Test
    void setsUpInOrderAndTearsDownBothNamespacesOnce() {
        FakeRunner runner = new FakeRunner();
        NetnsPath path = NetnsPath.create(runner, TBF, TOKEN);
        assertEquals(List.of(
                "ip netns add " + SND,
                "ip netns add " + RCV,
                "ip link add ws" + TOKEN + " netns " + SND + " type veth peer name wr" + TOKEN + " netns " + RCV,
                "ip -n " + SND + " addr add 10.201.0.1/30 dev ws" + TOKEN,
                "ip -n " + RCV + " addr add 10.201.0.2/30 dev wr" + TOKEN,
                "ip -n " + SND + " link set ws" + TOKEN + " up",
                "ip -n " + RCV + " link set wr" + TOKEN + " up",
                "tc -n " + SND + " qdisc add dev ws" + TOKEN + " root tbf rate 1000000bit burst 3028 latency 300000us"),
                runner.commands);
        runner.commands.clear();
        assertEquals(List.of(), path.teardown());
        assertEquals(List.of("ip netns pids " + RCV, "ip netns del " + RCV, "ip netns pids " + SND,
                "ip netns del " + SND), runner.commands);
        runner.commands.clear();
        path.close();
        path.teardown();
        assertEquals(List.of(), runner.commands, "teardown runs once");
    }

    @Test
    void aFailedStepRemovesWhatWasCreatedAndNamesTheCommand() {
        FakeRunner runner = new FakeRunner();
        runner.fails = command -> command.startsWith("tc ");
        NetpathException error = assertThrows(NetpathException.class, () -> NetnsPath.create(runner, TBF, TOKEN));
        assertTrue(error.getMessage().contains("'tc -n " + SND + " qdisc add"), error.getMessage());
        assertTrue(error.getMessage().contains("Operation not permitted"), error.getMessage());
        List<String> last = runner.commands.subList(runner.commands.size() - 4, runner.commands.size());
        assertEquals(List.of("ip netns pids " + RCV, "ip netns del " + RCV, "ip netns pids " + SND,
                "ip netns del " + SND), last);
    }

    @Test
    void aFailureBeforeTheSecondNamespaceRemovesOnlyTheFirst() {
        FakeRunner runner = new FakeRunner();
        runner.fails = command -> command.equals("ip netns add " + RCV);
        assertThrows(NetpathException.class, () -> NetnsPath.create(runner, TBF, TOKEN));
        assertEquals(List.of("ip netns add " + SND, "ip netns add " + RCV, "ip netns pids " + SND,
                "ip netns del " + SND), runner.commands);
    }

    @Test
    void teardownProblemsAreReportedNotThrown() {
        FakeRunner runner = new FakeRunner();
        NetnsPath path = NetnsPath.create(runner, TBF, TOKEN);
        runner.fails = command -> command.startsWith("ip netns del");
        List<String> problems = path.teardown();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("ip netns del " + RCV), problems.toString());
    }

    @Test
    void removesOnlyTheLeftoversOfDeadRuns() {
        FakeRunner runner = new FakeRunner();
        runner.namespaces = String.join("\n",
                "weir-4000001-aaaaaaaa-snd (id: 3)",
                "weir-4000001-aaaaaaaa-rcv (id: 4)",
                "weir-4000002-bbbbbbbb-snd",
                "weir-" + PID + "-cccccccc-snd",
                "weir-x-cccccccc-snd",
                "someone-elses-ns (id: 0)");
        List<String> removed = NetnsPath.cleanStale(runner, pid -> pid == 4000002L);
        assertEquals(List.of("weir-4000001-aaaaaaaa-snd", "weir-4000001-aaaaaaaa-rcv"), removed);
        assertTrue(runner.commands.stream().noneMatch(c -> c.contains("bbbbbbbb") || c.contains("cccccccc")
                || c.contains("someone")), runner.commands.toString());
    }

    @Test
    void availabilityProbeSaysWhatIsMissingAndCleansUp() {
        FakeRunner denied = new FakeRunner();
        denied.fails = command -> command.startsWith("ip netns add");
        String reason = NetnsPath.unavailableReason(denied);
        assertTrue(reason.contains("needs root"), reason);

        FakeRunner noTbf = new FakeRunner();
        noTbf.fails = command -> command.startsWith("tc ");
        assertTrue(NetnsPath.unavailableReason(noTbf).contains("sch_tbf"));
        assertTrue(noTbf.commands.get(noTbf.commands.size() - 1).startsWith("ip netns del weir-" + PID + "-"),
                "the probe namespace is deleted");

        FakeRunner fine = new FakeRunner();
        assertNull(NetnsPath.unavailableReason(fine));
        assertTrue(fine.commands.get(fine.commands.size() - 1).startsWith("ip netns del "));
    }

    @Test
    void namesAreUniquePerRunAndFitInterfaceNames() {
        String a = NetnsPath.newToken();
        String b = NetnsPath.newToken();
        assertTrue(!a.equals(b), a + " twice");
        assertTrue(("ws" + a).length() <= 15, "Linux interface names have at most 15 characters");
        assertTrue(NetnsPath.NAME.matcher("weir-" + PID + "-" + a + "-rcv").matches());
    }
}
