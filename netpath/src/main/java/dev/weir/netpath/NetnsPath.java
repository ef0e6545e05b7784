package dev.weir.netpath;

/*
 * ip-netns(8), ip-link(8) (veth pairs created directly in their namespaces: "ip link add NAME
 * netns NS type veth peer name PEER netns NS2"), tc(8) with tc-tbf(8).
 */

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real network path of one run: two network namespaces created for it (sender and receiver),
 * a veth pair between them with a /30 of private addresses, and a {@link Tbf} on the sender's end
 * limiting the sender -> receiver direction. Nothing outside the two namespaces is touched: the
 * veth ends are created inside them, so traffic cannot leave them and no host interface or route
 * changes.
 *
 * <p>Names are unique per run: {@code weir-<pid>-<token>-snd|rcv} for the namespaces (the pid lets
 * a later run recognise the leftovers of a killed one, see {@link #cleanStale}), {@code ws<token>}
 * / {@code wr<token>} for the devices.
 *
 * <p>Set-up runs step by step and undoes what it created when a step fails. {@link #teardown} (also
 * from a shutdown hook on Ctrl-C) ends every process still inside the namespaces (only this run's
 * children can be there) and deletes both namespaces, which destroys the veth pair and its qdisc;
 * it is idempotent and thread-safe.
 */
public final class NetnsPath implements AutoCloseable {
    /** Sender's address on the veth pair: a /30 from 10/8 (RFC 1918), private to the namespaces. */
    public static final String SENDER_ADDRESS = "10.201.0.1";
    /** Receiver's address on the veth pair. */
    public static final String RECEIVER_ADDRESS = "10.201.0.2";
    private static final int PREFIX_LENGTH = 30;
    /** Namespaces this harness creates; group 1 is the creating process's pid. */
    static final Pattern NAME = Pattern.compile("weir-(\\d+)-([0-9a-z]{8})-(snd|rcv)");
    private static final int TOKEN_CHARS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandRunner runner;
    private final String senderNamespace;
    private final String receiverNamespace;
    private final String senderDevice;
    private final String receiverDevice;
    /** Namespaces created so far, in creation order. */
    private final List<String> created = new ArrayList<>();
    private boolean closed;

    private NetnsPath(CommandRunner runner, String token) {
        this.runner = runner;
        long pid = ProcessHandle.current().pid();
        senderNamespace = "weir-" + pid + "-" + token + "-snd";
        receiverNamespace = "weir-" + pid + "-" + token + "-rcv";
        senderDevice = "ws" + token;
        receiverDevice = "wr" + token;
    }

    /** A fresh random token of {@value #TOKEN_CHARS} base-36 characters. */
    static String newToken() {
        StringBuilder token = new StringBuilder(TOKEN_CHARS);
        for (int i = 0; i < TOKEN_CHARS; i++) {
            token.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return token.toString();
    }

    /**
     * Creates the namespaces, the veth pair, the addresses and the tbf.
     *
     * @throws NetpathException naming the failed command and its output; whatever was created is
     *     deleted again first
     */
    public static NetnsPath create(CommandRunner runner, Tbf tbf) {
        return create(runner, tbf, newToken());
    }

    static NetnsPath create(CommandRunner runner, Tbf tbf, String token) {
        NetnsPath path = new NetnsPath(runner, token);
        try {
            path.setUp(tbf);
        } catch (RuntimeException e) {
            List<String> problems = path.teardown();
            String extra = problems.isEmpty() ? "" : "; teardown also failed: " + String.join("; ", problems);
            if (e instanceof NetpathException) {
                throw new NetpathException(e.getMessage() + extra, e);
            }
            throw e;
        }
        return path;
    }

    private void setUp(Tbf tbf) {
        step(List.of("ip", "netns", "add", senderNamespace));
        created.add(senderNamespace);
        step(List.of("ip", "netns", "add", receiverNamespace));
        created.add(receiverNamespace);
        step(List.of("ip", "link", "add", senderDevice, "netns", senderNamespace, "type", "veth",
                "peer", "name", receiverDevice, "netns", receiverNamespace));
        step(List.of("ip", "-n", senderNamespace, "addr", "add", SENDER_ADDRESS + "/" + PREFIX_LENGTH,
                "dev", senderDevice));
        step(List.of("ip", "-n", receiverNamespace, "addr", "add", RECEIVER_ADDRESS + "/" + PREFIX_LENGTH,
                "dev", receiverDevice));
        step(List.of("ip", "-n", senderNamespace, "link", "set", senderDevice, "up"));
        step(List.of("ip", "-n", receiverNamespace, "link", "set", receiverDevice, "up"));
        step(tbf.command(senderNamespace, senderDevice));
    }

    private void step(List<String> command) {
        CommandRunner.Result result = runner.run(command);
        if (!result.ok()) {
            throw new NetpathException("'" + String.join(" ", command) + "' failed (exit " + result.exitCode() + ")"
                    + (result.output().isEmpty() ? "" : ": " + result.output()));
        }
    }

    public String senderNamespace() {
        return senderNamespace;
    }

    public String receiverNamespace() {
        return receiverNamespace;
    }

    public String senderDevice() {
        return senderDevice;
    }

    /**
     * Ends every process left in the namespaces and deletes them (the veth pair and the qdisc go
     * with them). Idempotent; never throws.
     *
     * @return problems met (empty when everything was removed)
     */
    public synchronized List<String> teardown() {
        List<String> problems = new ArrayList<>();
        if (closed) {
            return problems;
        }
        closed = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            removeNamespace(runner, created.get(i), problems);
        }
        return problems;
    }

    /** Ends the processes inside {@code namespace}, then deletes it. */
    private static void removeNamespace(CommandRunner runner, String namespace, List<String> problems) {
        CommandRunner.Result pids = runner.run(List.of("ip", "netns", "pids", namespace));
        if (pids.ok()) {
            for (String line : pids.output().split("\\s+")) {
                if (!line.isBlank()) {
                    try {
                        ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    } catch (NumberFormatException e) {
                        problems.add("'ip netns pids " + namespace + "' printed '" + line + "'");
                    }
                }
            }
        }
        CommandRunner.Result deleted = runner.run(List.of("ip", "netns", "del", namespace));
        if (!deleted.ok()) {
            problems.add("'ip netns del " + namespace + "' failed (exit " + deleted.exitCode() + "): "
                    + deleted.output());
        }
    }

    /** {@link #teardown()}, ignoring its problems. */
    @Override
    public void close() {
        teardown();
    }

    /**
     * Deletes namespaces that earlier runs of this harness left behind: names of {@link #NAME}
     * whose creating process is no longer alive (a run killed with SIGKILL cannot clean up). A
     * live run's namespaces are never touched.
     *
     * @return the namespaces deleted
     */
    public static List<String> cleanStale(CommandRunner runner, LongPredicate pidAlive) {
        CommandRunner.Result list = runner.run(List.of("ip", "netns", "list"));
        List<String> removed = new ArrayList<>();
        if (!list.ok()) {
            return removed;
        }
        for (String line : list.output().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid == ProcessHandle.current().pid() || pidAlive.test(pid)) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            removeNamespace(runner, name, problems);
            if (problems.isEmpty()) {
                removed.add(name);
            }
        }
        return removed;
    }

    /** Whether a process with {@code pid} runs on this machine. */
    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Checks that this machine can run the harness: creates and deletes a probe namespace.
     *
     * @return null when it can, else why not (for a skipped test or the CLI's message)
     */
    public static String unavailableReason(CommandRunner runner) {
        String probe = "weir-" + ProcessHandle.current().pid() + "-" + newToken() + "-snd";
        CommandRunner.Result add = runner.run(List.of("ip", "netns", "add", probe));
        if (!add.ok()) {
            return "cannot create a network namespace ('ip netns add' failed: " + add.output()
                    + "); the real UDP path needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN), iproute2 and tc";
        }
        try {
            CommandRunner.Result tc = runner.run(List.of("tc", "-n", probe, "qdisc", "add", "dev", "lo", "root",
                    "tbf", "rate", "1mbit", "burst", "4000", "latency", "50ms"));
            if (!tc.ok()) {
                return "cannot add a tbf qdisc ('tc ... tbf' failed: " + tc.output()
                        + "); the real UDP path needs tc and the sch_tbf kernel module";
            }
            return null;
        } finally {
            runner.run(List.of("ip", "netns", "del", probe));
        }
    }
}
