package tracker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A test that only makes sense on SQLite (its file, its locks, its settings); {@link #value} says why. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SqliteOnly.Condition.class)
public @interface SqliteOnly {
    /** Why the test does not apply to PostgreSQL: shown in the report of a PostgreSQL run. */
    String value();

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!TestDatabases.POSTGRES) return ConditionEvaluationResult.enabled("SQLite run");
            return context.getElement().map(e -> e.getAnnotation(SqliteOnly.class))
                    .map(a -> ConditionEvaluationResult.disabled("SQLite only: " + a.value()))
                    .orElse(ConditionEvaluationResult.enabled("PostgreSQL run"));
        }
    }
}
