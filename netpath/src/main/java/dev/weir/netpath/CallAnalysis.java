package dev.weir.netpath;

import dev.weir.bwe.util.SequenceUnwrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Joins the sender's and receiver's logs of a real call into the time series and metrics: per
 * packet, the sender's transport sequence number, send time and size, and the receiver's arrival
 * time of the same sequence number (16-bit on the wire, unwrapped here). Both processes read one
 * monotonic clock, so arrival - send is the true one-way delay (propagation on the veth is tens of
 * microseconds; the rest is the tbf queue and the receiver's scheduling).
 *
 * <p>Rows are 100 ms intervals from the sender's start, as the simulator's time series; each row
 * describes the interval that ends at {@code time_s}. Columns (the simulator's names where the
 * meaning is the same): {@code capacity_bps} (the tbf rate converted to IP level for full-size
 * packets, {@link UdpCall#ipCapacityBps}), the estimator's columns as the sender sampled them at
 * the end of the interval, {@code send_bps} / {@code recv_bps} (bytes sent / arrived in the
 * interval), {@code queue_delay_ms} (mean one-way delay above the call's minimum of packets sent in
 * the interval that arrived; held when none), {@code one_way_delay_ms} (mean one-way delay of
 * packets arriving in the interval; held), {@code loss_fraction} (share of the interval's sent
 * packets that never arrived).
 *
 * <p>Stateless; thread-safe.
 */
final class CallAnalysis {
    static final long ROW_US = UdpSender.SAMPLE_INTERVAL_US;
    static final List<String> NUMERIC_COLUMNS = List.of("time_s", "capacity_bps", "target_bps", "pacing_bps",
            "encoder_bps", "send_bps", "recv_bps", "rtt_ms", "queue_delay_ms", "one_way_delay_ms", "loss_fraction",
            "delay_based_bps", "loss_based_bps", "acked_bps", "delay_state", "fec_ratio", "in_alr", "probing",
            "network_type_code", "p_congestion", "p_random_loss");
    static final List<String> TEXT_COLUMNS = List.of("network_type", "param_set");
    /** Decimals per numeric column, as the simulator writes them. */
    private static final int[] DECIMALS = {1, 0, 0, 0, 0, 0, 0, 3, 3, 3, 6, 0, 0, 0, 0, 4, 0, 0, 0, 4, 4};
    /** Estimator columns copied from the sender's rows: time series name -> log name. */
    private static final Map<String, String> FROM_SENDER = new LinkedHashMap<>();

    static {
        for (String name : List.of("target_bps", "pacing_bps", "encoder_bps", "rtt_ms", "delay_based_bps",
                "loss_based_bps", "acked_bps", "delay_state", "fec_ratio", "in_alr", "probing", "network_type_code",
                "p_congestion", "p_random_loss")) {
            FROM_SENDER.put(name, name);
        }
    }

    private CallAnalysis() {
    }

    /** The joined call: the time series and per-packet one-way delays. */
    record Joined(Series series, double[] mediaDelaysMs, long packetsSent, long packetsLost, long mediaPacketsSent,
                  long bytesReceived, double durationS) {
    }

    /** A column-oriented time series with the names above. */
    record Series(Map<String, double[]> numeric, Map<String, String[]> text, int rows) {
        double[] column(String name) {
            double[] values = numeric.get(name);
            if (values == null) {
                throw new IllegalArgumentException("unknown column " + name);
            }
            return values;
        }

        /** CSV in the simulator's style: header, fixed decimals, Locale.ROOT, text columns last. */
        String toCsv() {
            StringBuilder csv = new StringBuilder(64 + rows * NUMERIC_COLUMNS.size() * 10);
            csv.append(String.join(",", NUMERIC_COLUMNS)).append(',').append(String.join(",", TEXT_COLUMNS)).append('\n');
            for (int row = 0; row < rows; row++) {
                for (int c = 0; c < NUMERIC_COLUMNS.size(); c++) {
                    if (c > 0) {
                        csv.append(',');
                    }
                    csv.append(String.format(Locale.ROOT, "%." + DECIMALS[c] + "f",
                            numeric.get(NUMERIC_COLUMNS.get(c))[row]));
                }
                for (String name : TEXT_COLUMNS) {
                    csv.append(',').append(text.get(name)[row]);
                }
                csv.append('\n');
            }
            return csv.toString();
        }
    }

    /**
     * Joins the logs.
     *
     * @param startUs the sender's start (its summary's {@code start_us})
     * @param endUs the sender's stop
     * @param capacityBps the value of the {@code capacity_bps} column
     */
    static Joined join(CsvTable sent, CsvTable arrivals, CsvTable senderRows, long startUs, long endUs,
            long capacityBps) {
        int packets = sent.size();
        long[] sendUs = new long[packets];
        int[] sizeBytes = new int[packets];
        boolean[] filler = new boolean[packets];
        for (int i = 0; i < packets; i++) {
            long sequence = sent.whole(i, "transport_seq");
            if (sequence != i) {
                throw new NetpathException("sent.csv row " + (i + 2) + ": transport sequence " + sequence
                        + ", expected " + i + " (the sender numbers packets from 0)");
            }
            sendUs[i] = sent.whole(i, "send_us");
            sizeBytes[i] = (int) sent.whole(i, "size_bytes");
            filler[i] = sent.text(i, "kind").equals("probe");
        }
        long[] arrivalUs = new long[packets];
        Arrays.fill(arrivalUs, -1);
        SequenceUnwrapper unwrapper = new SequenceUnwrapper();
        long bytesReceived = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            long sequence = unwrapper.unwrap(arrivals.whole(i, "transport_seq"));
            if (sequence < 0 || sequence >= packets || arrivalUs[(int) sequence] >= 0) {
                continue; // not sent by this call, or a duplicate
            }
            arrivalUs[(int) sequence] = arrivals.whole(i, "arrival_us");
            bytesReceived += sizeBytes[(int) sequence];
        }

        // Rows the sender sampled: a row without the estimator's values would read as a target of 0.
        int rows = (int) Math.min(senderRows.size(), Math.max(0, (endUs - startUs) / ROW_US));
        Map<String, double[]> numeric = new LinkedHashMap<>();
        for (String name : NUMERIC_COLUMNS) {
            numeric.put(name, new double[rows]);
        }
        Map<String, String[]> text = new LinkedHashMap<>();
        for (String name : TEXT_COLUMNS) {
            String[] column = new String[rows];
            Arrays.fill(column, "none");
            text.put(name, column);
        }
        double[] sentBytes = new double[rows];
        double[] recvBytes = new double[rows];
        double[] sentCount = new double[rows];
        double[] lostCount = new double[rows];
        double[] owdSum = new double[rows];
        double[] owdCount = new double[rows];
        double[] queueSum = new double[rows];
        double[] queueCount = new double[rows];
        long minOwdUs = Long.MAX_VALUE;
        for (int i = 0; i < packets; i++) {
            if (arrivalUs[i] >= 0) {
                minOwdUs = Math.min(minOwdUs, arrivalUs[i] - sendUs[i]);
            }
        }
        List<Double> mediaDelays = new ArrayList<>();
        long lost = 0;
        long mediaSent = 0;
        for (int i = 0; i < packets; i++) {
            int sendRow = rowOf(sendUs[i], startUs, rows);
            if (!filler[i]) {
                mediaSent++;
            }
            if (sendRow >= 0) {
                sentBytes[sendRow] += sizeBytes[i];
                sentCount[sendRow]++;
            }
            if (arrivalUs[i] < 0) {
                lost++;
                if (sendRow >= 0) {
                    lostCount[sendRow]++;
                }
                continue;
            }
            long owdUs = arrivalUs[i] - sendUs[i];
            if (!filler[i]) {
                mediaDelays.add(owdUs / 1_000.0);
            }
            if (sendRow >= 0) {
                queueSum[sendRow] += owdUs - minOwdUs;
                queueCount[sendRow]++;
            }
            int arrivalRow = rowOf(arrivalUs[i], startUs, rows);
            if (arrivalRow >= 0) {
                recvBytes[arrivalRow] += sizeBytes[i];
                owdSum[arrivalRow] += owdUs;
                owdCount[arrivalRow]++;
            }
        }
        double rowS = ROW_US / 1e6;
        double heldOwdMs = 0;
        double heldQueueMs = 0;
        for (int row = 0; row < rows; row++) {
            numeric.get("time_s")[row] = (row + 1) * rowS;
            numeric.get("capacity_bps")[row] = capacityBps;
            numeric.get("send_bps")[row] = sentBytes[row] * 8 / rowS;
            numeric.get("recv_bps")[row] = recvBytes[row] * 8 / rowS;
            numeric.get("loss_fraction")[row] = sentCount[row] > 0 ? lostCount[row] / sentCount[row] : 0;
            if (owdCount[row] > 0) {
                heldOwdMs = owdSum[row] / owdCount[row] / 1_000.0;
            }
            if (queueCount[row] > 0) {
                heldQueueMs = queueSum[row] / queueCount[row] / 1_000.0;
            }
            numeric.get("one_way_delay_ms")[row] = heldOwdMs;
            numeric.get("queue_delay_ms")[row] = heldQueueMs;
        }
        for (int row = 0; row < rows; row++) {
            for (Map.Entry<String, String> column : FROM_SENDER.entrySet()) {
                numeric.get(column.getKey())[row] = senderRows.number(row, column.getValue());
            }
            for (String name : TEXT_COLUMNS) {
                text.get(name)[row] = senderRows.text(row, name);
            }
        }
        double[] delays = mediaDelays.stream().mapToDouble(Double::doubleValue).toArray();
        return new Joined(new Series(numeric, text, rows), delays, packets, lost, mediaSent, bytesReceived,
                rows * rowS);
    }

    private static int rowOf(long timeUs, long startUs, int rows) {
        if (timeUs < startUs) {
            return -1;
        }
        long row = (timeUs - startUs) / ROW_US;
        return row < rows ? (int) row : -1;
    }
}
