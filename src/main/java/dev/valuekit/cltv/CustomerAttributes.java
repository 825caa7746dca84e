package dev.valuekit.cltv;

import dev.valuekit.common.BadInputException;
import dev.valuekit.table.Batch;
import dev.valuekit.table.Batch.Builder;
import dev.valuekit.table.ColumnType;
import dev.valuekit.table.Schema;
import dev.valuekit.table.TableReader;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-customer attributes carried from a transaction log into the customer table (e.g. acquisition
 * channel, region): each customer takes the values of their first row in the log. They become STRING
 * columns, which the neural models embed as categories.
 */
public final class CustomerAttributes {
    private final List<String> names;
    private final Map<String, String[]> byCustomer;

    private CustomerAttributes(List<String> names, Map<String, String[]> byCustomer) {
        this.names = names;
        this.byCustomer = byCustomer;
    }

    public static CustomerAttributes read(TableReader reader, String customerColumn, List<String> names) throws IOException {
        Schema s = reader.schema();
        int ci = s.require(customerColumn, reader.source());
        int[] cols = new int[names.size()];
        for (int j = 0; j < cols.length; j++) cols[j] = s.require(names.get(j), reader.source());
        Map<String, String[]> m = new HashMap<>();
        for (Batch b = reader.next(); b != null; b = reader.next()) {
            for (int i = 0; i < b.rows(); i++) {
                String id = s.type(ci) == ColumnType.STRING ? b.getString(ci, i) : numericId(b.getDouble(ci, i));
                if (id == null || m.containsKey(id)) continue;
                String[] v = new String[cols.length];
                for (int j = 0; j < cols.length; j++) v[j] = b.getString(cols[j], i);
                m.put(id, v);
            }
        }
        return new CustomerAttributes(List.copyOf(names), m);
    }

    /** The customer table with the attribute columns appended (missing values stay empty). */
    public Batch append(Batch customers, String idColumn, String source) {
        int id = customers.schema().require(idColumn, source);
        Builder b = new Builder(customers.rows());
        for (int c = 0; c < customers.schema().size(); c++) b.add(customers.schema().name(c), customers.schema().type(c), customers.column(c));
        for (int j = 0; j < names.size(); j++) {
            if (customers.schema().has(names.get(j))) {
                throw new BadInputException("attribute '" + names.get(j) + "' clashes with a feature column", "rename the log column");
            }
            String[] v = new String[customers.rows()];
            for (int r = 0; r < v.length; r++) {
                String[] a = byCustomer.get(customers.getString(id, r));
                v[r] = a == null ? null : a[j];
            }
            b.addString(names.get(j), v);
        }
        return b.build();
    }

    private static String numericId(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
