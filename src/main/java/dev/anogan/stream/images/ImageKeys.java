package dev.anogan.stream.images;

/**
 * Keys of the assembly: an image is its source id and image id, written length-prefixed ({@code 9:scanner-17:img-0042})
 * so that no image's key is a prefix of another's; a patch's key is its image's key followed by its patch id, so
 * that a prefix scan by the image's key finds exactly the image's patches.
 */
final class ImageKeys {

    private ImageKeys() {
    }

    static String image(String sourceId, String imageId) {
        return sourceId.length() + ":" + sourceId + imageId.length() + ":" + imageId;
    }

    static String patch(String imageKey, String patchId) {
        return imageKey + patchId;
    }
}
