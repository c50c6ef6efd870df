package dev.anogan.stream.images;

/**
 * What the topology needs to publish image verdicts.
 *
 * @param rule   how images are judged
 * @param policy when images are closed
 */
public record ImageAssembly(ImageRule rule, AssemblyPolicy policy) {
}
