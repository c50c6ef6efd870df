package dev.anogan.stream.testing;

import dev.anogan.stream.model.ModelBundle;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link ModelBundle} parameters with the default bundle, loaded once per test run and
 * closed by JUnit when the run ends (its root store owns it).
 */
public final class SharedBundle implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ModelBundle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Owner.class, k -> new Owner(DefaultBundle.load()), Owner.class).bundle;
    }

    private record Owner(ModelBundle bundle) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            bundle.close();
        }
    }
}
