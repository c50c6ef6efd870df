package dev.anogan.stream.topology;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves a {@link StreamingFixture} parameter: one default fixture per test class, closed by JUnit after the class. */
final class PerClassFixture implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StreamingFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext owner = context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                ? context : context.getParent().orElse(context);
        return owner.getStore(ExtensionContext.Namespace.create(PerClassFixture.class))
                .getOrComputeIfAbsent(Owned.class, k -> new Owned(new StreamingFixture()), Owned.class).fixture;
    }

    private record Owned(StreamingFixture fixture) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            fixture.close();
        }
    }
}
