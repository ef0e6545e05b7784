package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.data.Dataset;
import dev.weir.models.train.EpochProgress;
import dev.weir.models.train.SyntheticDatasets;
import dev.weir.models.train.TrainerSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskComparisonTest {

    @Test
    void shouldTrainMultiAndSingleTaskModelsAndReportThemSideBySide() {
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.maxEpochs = 3;
        List<String> trained = new ArrayList<>();
        TaskComparison.Result result = TaskComparison.compare(TrainedModel.DATA, settings, "test",
                name -> (EpochProgress epoch) -> {
                    if (epoch.epoch() == 1) {
                        trained.add(name);
                    }
                }, SyntheticDatasets.fakeClockUs());
        assertEquals(List.of("multi_task", "loss_type", "congestion"), trained);
        assertEquals(2, result.rows().size());
        assertEquals(Dataset.TASK_LOSS_TYPE, result.rows().get(0).task());
        // Two single-task models carry two trunks: more parameters than one shared trunk.
        assertTrue(result.singleParametersTotal() > result.multiParameters());
        assertEquals(90, result.rows().get(0).singleTask().binary().support());
        assertTrue(result.toJson().path("tasks").path("congestion").path("single_task").path("f1").isNumber());
        assertTrue(result.toText().contains("single_task"));
    }
}
