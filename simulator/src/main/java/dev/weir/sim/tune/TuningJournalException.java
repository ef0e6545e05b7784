package dev.weir.sim.tune;

/**
 * A tuning journal that cannot be resumed: it belongs to another tuning (other scenarios, seeds,
 * start set, space or objective), so mixing its scores in would corrupt the search. Bad input.
 */
public final class TuningJournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TuningJournalException(String message) {
        super(message);
    }
}
