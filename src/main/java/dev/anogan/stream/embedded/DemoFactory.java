package dev.anogan.stream.embedded;

import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.publish.ImageTiler;
import dev.anogan.stream.publish.Tiling;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo scanner, with the embedded cluster only (never against a real cluster), unless disabled: patches, and whole
 * images when a folder of them is configured.
 */
@Factory
@Requires(beans = EmbeddedCluster.class)
@Requires(property = DemoConfiguration.ENABLED, notEquals = "false")
public class DemoFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = DemoConfiguration.PATCHES, notEquals = "false")
    DemoScanner demoScanner(DemoConfiguration config, ModelBundle bundle, KafkaEndpoints cluster,
                            SchemaRegistry registry, TopicsConfiguration topics) {
        Set<Integer> normal = new HashSet<>(config.getNormalClasses().orElseGet(() -> trainedOn(bundle.manifest())));
        return DemoScanner.start(DemoPatches.load(config, normal), cluster, registry, topics.getPatches(),
                config.getRate());
    }

    /** The demo's whole images, when {@code anogan.demo.images-folder} names a folder with PNG files. */
    @Context
    @Bean(preDestroy = "close")
    @Requires(property = DemoConfiguration.IMAGES_FOLDER)
    DemoImageScanner demoImageScanner(DemoConfiguration config, EmbeddedConfiguration embedded, ModelBundle bundle,
                                      KafkaEndpoints cluster, SchemaRegistry registry, TopicsConfiguration topics) {
        Path folder = DemoImageFolder.resolve(config.getImagesFolder().orElseThrow(), embedded.getDataDir());
        List<Path> files = DemoImageScanner.pngsIn(folder);
        InputSpec input = bundle.manifest().input();
        Tiling tiling = Tiling.forBundle(bundle.manifest(), config.getImageStride());
        return DemoImageScanner.start(files, cluster, registry, topics.getPatches(),
                new ImageTiler(tiling, DemoPatches.SOURCE_ID), input.channels(), config.getImageRate());
    }

    /** The classes the model was trained on, from its manifest ({@code training.normal_classes}). */
    private static List<Integer> trainedOn(Manifest manifest) {
        List<Integer> classes = manifest.normalClasses();
        if (classes.isEmpty()) {
            throw new IllegalStateException(DemoConfiguration.PREFIX + ".normal-classes: the bundle's manifest does not"
                    + " say which classes are normal (training.normal_classes); set this key");
        }
        return classes;
    }
}
