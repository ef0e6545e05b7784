package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's and every baseline's metrics on the samples of one scenario family.
 *
 * <p>Immutable and thread-safe.
 */
public record FamilyReport(TaskMetrics model, Map<String, TaskMetrics> baselines) {
    public FamilyReport {
        baselines = Collections.unmodifiableMap(new TreeMap<>(baselines));
    }

    /** {@code {"model": {...}, "baselines": {name: {...}}}}, baselines sorted by name. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("model", model.toJson());
        ObjectNode b = node.putObject("baselines");
        baselines.forEach((name, metrics) -> b.set(name, metrics.toJson()));
        return node;
    }
}
