package dev.weir.bwe.signal;

/** Recorder settings with 100 ms steps: the step the hand-computed scripts of these tests use (the default is 200 ms). */
final class HundredMsSteps {
    private HundredMsSteps() {
    }

    static SignalSettings settings() {
        SignalSettings settings = new SignalSettings();
        settings.stepMs = 100;
        return settings;
    }

    static SignalRecorder recorder() {
        return new SignalRecorder(settings());
    }
}
