package dev.weir.peers;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;
import org.junit.jupiter.api.AfterAll;

/** The estimator contract, run through ONNX Runtime with the tiny test model. */
class OnnxPeerEstimatorContractTest extends BandwidthEstimatorContract {
    private static final PeerModel MODEL = TinyPeerModel.load(128);

    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        return new OnnxPeerEstimator("onnx:tiny", MODEL.newRunner(), minBps, startBps, maxBps);
    }

    @Override
    protected long allowedAllocationBytes(BandwidthEstimator estimator) {
        return ((OnnxPeerEstimator) estimator).steps() * PeerModel.Runner.JAVA_BYTES_PER_RUN_BOUND;
    }

    @AfterAll
    static void closeModel() throws Exception {
        MODEL.close();
    }
}
