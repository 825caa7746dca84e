package dev.valuekit.table;

import dev.valuekit.common.BadInputException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Picks columns by a comma list of names and {@code *}/{@code ?} globs, e.g. {@code obs_*,reward}. */
public final class ColumnSelection {
    private ColumnSelection() {}

    /**
     * Column indices in the order the list names them (a glob adds its matches in table order;
     * a column named twice is kept once). Names or globs matching nothing are a BadInputException
     * listing the available columns.
     */
    public static List<Integer> resolve(Schema s, String spec, String source) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String item : spec.split(",", -1)) {
            String name = item.trim();
            if (name.isEmpty()) {
                throw new BadInputException("empty name in column list '" + spec + "'", "separate names with single commas");
            }
            boolean glob = name.contains("*") || name.contains("?");
            int before = out.size();
            if (glob) {
                Pattern p = globPattern(name);
                for (int c = 0; c < s.size(); c++) if (p.matcher(s.name(c)).matches()) out.add(c);
                if (out.size() == before && !anyMatch(s, p)) throw unknown(s, name, source);
            } else {
                int c = s.indexOf(name);
                if (c < 0) throw unknown(s, name, source);
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean anyMatch(Schema s, Pattern p) {
        for (int c = 0; c < s.size(); c++) if (p.matcher(s.name(c)).matches()) return true;
        return false;
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') re.append(".*");
            else if (ch == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString());
    }

    private static BadInputException unknown(Schema s, String name, String source) {
        List<String> names = new ArrayList<>();
        for (Field f : s.fields()) names.add(f.name());
        return BadInputException.inFile("no column matches '" + name + "'", source,
                "available columns: " + String.join(",", names));
    }
}
