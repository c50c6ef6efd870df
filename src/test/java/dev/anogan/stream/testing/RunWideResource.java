package dev.anogan.stream.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves parameters of one type with a single instance for the whole test run, made on first use and closed by
 * JUnit when the run ends (its root store owns it). For what is slow to start and safe to share.
 *
 * @param <T> the shared resource
 */
public abstract class RunWideResource<T extends AutoCloseable> implements ParameterResolver {

    private final Class<T> type;
    private final Supplier<T> create;

    protected RunWideResource(Class<T> type, Supplier<T> create) {
        this.type = type;
        this.create = create;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(type, k -> create.get(), type);
    }
}
