package dev.anogan.stream.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Fashion-MNIST test patches as a line would send them: mostly trousers (the normal class), some other garments. */
public final class Workload {

    public static final FashionMnist MNIST = FashionMnist.test();
    private static final int NORMAL_CLASS = 1;

    private Workload() {
    }

    /**
     * {@code normal} trousers and {@code others} other garments, shuffled with {@code seed}, taken from test images
     * {@code from} onwards.
     */
    public static List<Integer> mix(int from, int normal, int others, long seed) {
        List<Integer> mix = new ArrayList<>(indices(from, normal, true));
        mix.addAll(indices(from, others, false));
        Collections.shuffle(mix, new Random(seed));
        return mix;
    }

    private static List<Integer> indices(int from, int n, boolean normal) {
        return IntStream.range(from, MNIST.size()).filter(i -> (MNIST.label(i) == NORMAL_CLASS) == normal)
                .limit(n).boxed().toList();
    }
}
