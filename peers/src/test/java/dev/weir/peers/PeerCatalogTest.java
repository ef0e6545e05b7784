package dev.weir.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.peers.onnx.OnnxGraphBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peer folders, and every way a peer can be unusable, each with a message naming it. */
class PeerCatalogTest {
    @TempDir
    Path root;

    @Test
    void shouldListFoldersWithOneModelAndExplainTheOthers() throws Exception {
        Files.createDirectories(root.resolve("tiny"));
        Files.write(root.resolve("tiny/model.onnx"), TinyPeerModel.bytes(1));
        Files.createDirectories(root.resolve("no-model"));
        Files.writeString(root.resolve("no-model/README.md"), "licence missing");
        PeerCatalog catalog = new PeerCatalog(root);
        assertEquals(List.of("tiny"), catalog.names());
        assertEquals(Map.of("no-model", "no .onnx model in " + root.resolve("no-model")), catalog.unusable());
        assertEquals(TinyPeerModel.BIAS_BPS, catalog.model("tiny").newRunner().step(new float[150]), 1e-3);
        PeerException noModel = assertThrows(PeerException.class, () -> catalog.model("no-model"));
        assertTrue(noModel.getMessage().contains("no .onnx model"), noModel.getMessage());
        PeerException unknown = assertThrows(PeerException.class, () -> catalog.model("schaferct"));
        assertTrue(unknown.getMessage().contains("unknown peer 'schaferct'") && unknown.getMessage().contains("[tiny]"),
                unknown.getMessage());
    }

    @Test
    void shouldRejectAMissingRoot() {
        PeerException e = assertThrows(PeerException.class, () -> new PeerCatalog(root.resolve("absent")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        assertThrows(PeerException.class, () -> PeerCatalog.resolveRoot(root.resolve("absent"), null));
    }

    @Test
    void shouldRejectBytesThatAreNoOnnxModel() throws Exception {
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/model.onnx"), "not a protobuf at all");
        PeerCatalog catalog = new PeerCatalog(root);
        PeerException e = assertThrows(PeerException.class, () -> catalog.model("broken"));
        assertTrue(e.getMessage().startsWith(root.resolve("broken/model.onnx") + ": not a model ONNX Runtime can load"),
                e.getMessage());
    }

    @Test
    void shouldRejectAModelWithoutTheChallengeSignature() {
        byte[] identity = new OnnxGraphBuilder("identity", 14).input("x", 1L, 150L).output("y", 1L, 150L)
                .node("Identity", new String[] {"x"}, new String[] {"y"}).toBytes();
        PeerException e = assertThrows(PeerException.class, () -> PeerModel.load("odd", "odd.onnx", identity));
        assertTrue(e.getMessage().contains("no input named 'obs'"), e.getMessage());
    }

    @Test
    void shouldRejectAnObservationOfTheWrongShape() {
        byte[] model = new OnnxGraphBuilder("short", 14).input("obs", 1L, 1L, 100L).input("hidden_states", 1L, 1L)
                .input("cell_states", 1L, 1L).output("output", 1L, 1L, 100L).output("state_out", 1L, 1L)
                .output("cell_out", 1L, 1L)
                .node("Identity", new String[] {"obs"}, new String[] {"output"})
                .node("Identity", new String[] {"hidden_states"}, new String[] {"state_out"})
                .node("Identity", new String[] {"cell_states"}, new String[] {"cell_out"}).toBytes();
        PeerException e = assertThrows(PeerException.class, () -> PeerModel.load("short", "short.onnx", model));
        assertTrue(e.getMessage().contains("needs [1, 1, 150]"), e.getMessage());
    }
}
