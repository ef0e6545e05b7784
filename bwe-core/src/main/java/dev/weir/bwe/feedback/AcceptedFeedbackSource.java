package dev.weir.bwe.feedback;

/**
 * An estimator that runs every report through its {@link FeedbackFrontDoor} and lets a wrapper
 * read what it accepted, so the wrapper's own consumers (signal recorder, loss-differentiation
 * rules, dataset tap) see the very same unwrapped, deduplicated view and a report is unwrapped and
 * deduplicated once per call, not once per consumer.
 *
 * <p>Thread-safety is the estimator's: read the view on the thread that drives the estimator,
 * between its {@code onFeedback} and the next.
 */
public interface AcceptedFeedbackSource {
    /**
     * The view of the report the latest {@code onFeedback} accepted (empty before the first);
     * overwritten by the next report.
     */
    AcceptedFeedback lastAcceptedFeedback();
}
