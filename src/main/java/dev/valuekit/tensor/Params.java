package dev.valuekit.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered set of named parameters: what optimisers, clipping and artifacts work on. */
public final class Params {
    private final LinkedHashMap<String, Param> byName = new LinkedHashMap<>();

    public Params add(Param p) {
        if (byName.putIfAbsent(p.name(), p) != null) throw new IllegalArgumentException("duplicate parameter " + p.name());
        return this;
    }

    public Params addAll(Params other) {
        for (Param p : other.list()) add(p);
        return this;
    }

    public Param get(String name) {
        Param p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter named " + name + " (have " + byName.keySet() + ")");
        return p;
    }

    public boolean contains(String name) { return byName.containsKey(name); }

    public List<Param> list() { return Collections.unmodifiableList(new ArrayList<>(byName.values())); }

    public Map<String, Param> asMap() { return Collections.unmodifiableMap(byName); }

    /** Zeroes all gradients: backward passes accumulate, as in PyTorch. */
    public void zeroGrad() {
        for (Param p : byName.values()) p.zeroGrad();
    }

    /** Freezes (or unfreezes) every parameter whose name starts with the prefix; returns how many. */
    public int setTrainable(String prefix, boolean trainable) {
        int n = 0;
        for (Param p : byName.values()) {
            if (p.name().startsWith(prefix)) { p.trainable(trainable); n++; }
        }
        return n;
    }

    /** Number of scalar parameters that train. */
    public long trainableCount() {
        long n = 0;
        for (Param p : byName.values()) if (p.trainable()) n += p.size();
        return n;
    }
}
