package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One classifier's (model's or baseline's) metrics on one task and sample set: the binary metrics
 * and, for congestion prediction, the lead-time metrics (null otherwise).
 *
 * <p>Immutable and thread-safe.
 */
public record TaskMetrics(BinaryMetrics binary, LeadTimeMetrics leadTime) {

    /**
     * JSON object in fixed key order: accuracy, precision, recall, f1, roc_auc, confusion
     * {@code [[tn, fp], [fn, tp]]}, support, positives, then the lead-time keys when present.
     * Undefined values (NaN) are null.
     */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        number(node, "accuracy", binary.accuracy());
        number(node, "precision", binary.precision());
        number(node, "recall", binary.recall());
        number(node, "f1", binary.f1());
        number(node, "roc_auc", binary.rocAuc());
        ArrayNode confusion = node.putArray("confusion");
        confusion.addArray().add(binary.tn()).add(binary.fp());
        confusion.addArray().add(binary.fn()).add(binary.tp());
        node.put("support", binary.support());
        node.put("positives", binary.positives());
        if (leadTime != null) {
            number(node, "median_lead_time_s", leadTime.medianLeadTimeS());
            node.put("events", leadTime.events());
            node.put("events_detected", leadTime.eventsDetected());
            number(node, "median_first_fire_lead_time_s", leadTime.medianFirstFireLeadTimeS());
        }
        return node;
    }

    static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
