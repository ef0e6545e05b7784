/**
 * The one front door for transport-wide feedback: every consumer of a {@link
 * dev.weir.bwe.api.FeedbackReport} (GCC, the signal recorder, the loss-differentiation rules, the
 * dataset tap) reads the {@link dev.weir.bwe.feedback.AcceptedFeedback} that {@link
 * dev.weir.bwe.feedback.FeedbackFrontDoor} makes of it, so sequence numbers are unwrapped,
 * duplicates dropped, times and sizes checked and packets ordered by arrival exactly once per report.
 *
 * <p>Thread-safety: no type in this package is thread-safe; a front door and the view it returns
 * belong to one call, driven from one thread.
 */
package dev.weir.bwe.feedback;
