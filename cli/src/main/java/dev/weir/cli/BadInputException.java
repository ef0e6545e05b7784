package dev.weir.cli;

/** A command-line input (argument, file, directory) is unusable; the message says which and why. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
