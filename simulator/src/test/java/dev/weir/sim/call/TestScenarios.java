package dev.weir.sim.call;

import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.net.LossSpec;
import dev.weir.sim.scenario.Scenario;

/** Small scenario building blocks for tests: constant and step capacity, Bernoulli loss. */
public final class TestScenarios {
    private TestScenarios() {
    }

    /** A capacity that never changes. */
    public static final class ConstantCapacity implements CapacitySchedule {
        private final long capacityBps;

        public ConstantCapacity(long capacityBps) {
            this.capacityBps = capacityBps;
        }

        @Override
        public long capacityBpsAt(long timeUs) {
            return capacityBps;
        }

        @Override
        public long nextChangeUs(long timeUs) {
            return Long.MAX_VALUE;
        }

        @Override
        public String describe() {
            return "constant " + capacityBps + " bps";
        }
    }

    /** {@code beforeBps} until {@code stepUs}, then {@code afterBps}. */
    public static final class StepCapacity implements CapacitySchedule {
        private final long beforeBps;
        private final long stepUs;
        private final long afterBps;

        public StepCapacity(long beforeBps, long stepUs, long afterBps) {
            this.beforeBps = beforeBps;
            this.stepUs = stepUs;
            this.afterBps = afterBps;
        }

        @Override
        public long capacityBpsAt(long timeUs) {
            return timeUs < stepUs ? beforeBps : afterBps;
        }

        @Override
        public long nextChangeUs(long timeUs) {
            return timeUs < stepUs ? stepUs : Long.MAX_VALUE;
        }

        @Override
        public String describe() {
            return "step " + beforeBps + "->" + afterBps + " at " + stepUs;
        }
    }

    /** Independent random loss with probability {@code rate}. */
    public static final class BernoulliLoss implements LossSpec {
        private final double rate;

        public BernoulliLoss(double rate) {
            this.rate = rate;
        }

        @Override
        public LossModel newModel() {
            return random -> random.nextDouble() < rate ? DropCause.RANDOM : DropCause.NONE;
        }

        @Override
        public double expectedLossRate() {
            return rate;
        }

        @Override
        public String describe() {
            return "random " + rate;
        }
    }

    public static Scenario.Link link(CapacitySchedule capacity, long oneWayDelayUs, long queueLimitUs, double lossRate) {
        return new Scenario.Link(capacity, oneWayDelayUs, 0, queueLimitUs, 0, new BernoulliLoss(lossRate));
    }

    public static Scenario.Media media(long startBps) {
        return new Scenario.Media(startBps, 50_000, 5_000_000, false, 30, 3.0);
    }

    public static Scenario scenario(String name, long durationUs, Scenario.Link link, Scenario.Media media) {
        return new Scenario(name, "test", durationUs, link, link.oneWayDelayUs(), 0.0, 100_000, media,
                Scenario.CrossTraffic.NONE);
    }

    /** A constant link of {@code capacityBps}, 40 ms one way, a 300 ms queue, no loss. */
    public static Scenario constant(long capacityBps, long durationUs) {
        return scenario("constant", durationUs,
                link(new ConstantCapacity(capacityBps), 40_000, 300_000, 0.0), media(300_000));
    }
}
