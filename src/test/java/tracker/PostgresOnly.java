package tracker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A test that only makes sense on PostgreSQL (several instances on one database); {@link #value} says why. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(PostgresOnly.Condition.class)
public @interface PostgresOnly {
    /** Why the test does not apply to SQLite: shown in the report of a SQLite run. */
    String value();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (TestDatabases.POSTGRES) return ConditionEvaluationResult.enabled("PostgreSQL run");
            return context.getElement().map(e -> e.getAnnotation(PostgresOnly.class))
                    .map(a -> ConditionEvaluationResult.disabled("PostgreSQL only: " + a.value()))
                    .orElse(ConditionEvaluationResult.enabled("SQLite run"));
        }
    }
}
