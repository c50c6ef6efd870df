package dev.anogan.stream.web;

import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.testing.Mosaics;
import dev.anogan.stream.testing.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Two whole images as a scanner would send them, 56 × 56 gray PNGs of four Fashion-MNIST test patches each, chosen
 * with the service's own scorer: {@code normal} holds four trousers it finds normal, {@code defect} three of them and
 * a bag it finds anomalous, bottom right (at 28, 28). Published with the {@code publish} command.
 */
record ImageScans(Path normal, Path defect, List<Integer> trousers, int bag) {

    private static final int TROUSER = 1;
    private static final int BAG = 8;

    /** Writes {@code normal-<name>.png} and {@code defect-<name>.png} into {@code folder}. */
    static ImageScans write(Path folder, String name, Scorer scorer) throws Exception {
        List<Integer> trousers = judged(scorer, TROUSER, false, 4);
        int bag = judged(scorer, BAG, true, 1).get(0);
        List<Integer> defect = new ArrayList<>(trousers.subList(0, 3));
        defect.add(bag);
        return new ImageScans(Mosaics.write(folder.resolve("normal-" + name + ".png"), 2, trousers),
                Mosaics.write(folder.resolve("defect-" + name + ".png"), 2, defect), trousers, bag);
    }

    /** Publishes both (four tiles each) through the service's broker and registry with the publisher command. */
    void publish(LiveService service) {
        service.publishImages(8, normal, defect);
    }

    /** The first {@code n} test patches of {@code label} whose verdict is {@code anomalous}. */
    private static List<Integer> judged(Scorer scorer, int label, boolean anomalous, int n) throws Exception {
        List<Integer> candidates = IntStream.range(0, Workload.MNIST.size())
                .filter(i -> Workload.MNIST.label(i) == label).limit(64).boxed().toList();
        List<Patch> patches = candidates.stream().map(Workload.MNIST::patch).toList();
        List<PatchVerdict> verdicts = scorer.score(patches, false);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < candidates.size() && chosen.size() < n; i++) {
            if (verdicts.get(i).anomalous() == anomalous) {
                chosen.add(candidates.get(i));
            }
        }
        if (chosen.size() < n) {
            throw new AssertionError("fewer than " + n + " test patches of class " + label + " judged "
                    + (anomalous ? "anomalous" : "normal"));
        }
        return chosen;
    }
}
