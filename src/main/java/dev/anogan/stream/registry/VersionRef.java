package dev.anogan.stream.registry;

/**
 * A version as a request names it: a number from 1, or the subject's latest ({@code latest} or {@code -1}).
 *
 * @param number the version, or {@code -1} for the latest
 */
record VersionRef(int number) {

    static final VersionRef LATEST = new VersionRef(-1);

    boolean isLatest() {
        return number == -1;
    }

    /**
     * The version that {@code text} names.
     *
     * @throws RegistryException 422 with error code 42202 for anything else
     */
    static VersionRef parse(String text, String url) {
        if ("latest".equals(text)) {
            return LATEST;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 1 || number == -1) {
                return new VersionRef(number);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw RegistryError.INVALID_VERSION.exception(url, "The specified version '" + text + "' is not a valid"
                + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    @Override
    public String toString() {
        return isLatest() ? "latest" : String.valueOf(number);
    }
}
