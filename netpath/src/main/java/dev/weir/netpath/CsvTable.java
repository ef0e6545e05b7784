package dev.weir.netpath;

import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The logs the sender and receiver processes hand to the parent: a header line of column names,
 * then one comma-separated line per row (numbers and simple words, no quoting). Written whole at
 * the end of a child's run through {@link AtomicFiles}; read strictly (every line must have every
 * column), since a damaged log means the run cannot be analysed.
 *
 * <p>Not thread-safe while rows are added; immutable once read.
 */
final class CsvTable {
    /** Largest log accepted, bytes: a 10-minute call at 100 Mbps logs about 300 MB of sent packets. */
    static final long MAX_FILE_BYTES = 512L << 20;

    private final List<String> columns;
    private final List<String[]> rows = new ArrayList<>();

    CsvTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds one row of values in column order (numbers formatted by the caller). */
    void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        String[] row = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = String.valueOf(values[i]);
        }
        rows.add(row);
    }

    int size() {
        return rows.size();
    }

    List<String> columns() {
        return columns;
    }

    /** Writes the table atomically. */
    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(32 + rows.size() * 24);
        text.append(String.join(",", columns)).append('\n');
        for (String[] row : rows) {
            text.append(String.join(",", row)).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a table and checks that it has {@code expectedColumns}.
     *
     * @throws NetpathException naming the file and line of anything unexpected
     */
    static CsvTable read(Path file, List<String> expectedColumns) {
        List<String> lines;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new NetpathException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + "-byte limit of a call log");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NetpathException("cannot read the call log " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !List.of(lines.get(0).split(",", -1)).equals(expectedColumns)) {
            throw new NetpathException(file + " line 1: expected the columns " + expectedColumns + ", found '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        CsvTable table = new CsvTable(expectedColumns);
        for (int i = 1; i < lines.size(); i++) {
            String[] row = lines.get(i).split(",", -1);
            if (row.length != expectedColumns.size()) {
                throw new NetpathException(file + " line " + (i + 1) + ": " + row.length + " values, expected "
                        + expectedColumns.size());
            }
            table.rows.add(row);
        }
        return table;
    }

    /** The text of {@code column} in {@code row}. */
    String text(int row, String column) {
        return rows.get(row)[index(column)];
    }

    /** The number in {@code column} of {@code row}. */
    double number(int row, String column) {
        String text = text(row, column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new NetpathException("call log row " + (row + 2) + ", column " + column + ": '" + text
                    + "' is not a number");
        }
    }

    long whole(int row, String column) {
        return (long) number(row, column);
    }

    private int index(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return index;
    }
}
