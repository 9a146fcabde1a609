package graphkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j 5 DBMS with Bolt on 127.0.0.1 and authentication on, for graphkit's tests.
 * Usage: Neo4jLauncher DATA_DIR PORT; the password of user neo4j comes from NEO4J_PASSWORD.
 *
 * A restart on the same data folder with the same password must work, and a failed start must
 * end the JVM (the DBMS threads would otherwise keep it running without Bolt).
 */
public final class Neo4jLauncher {
    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";

    public static void main(String[] args) {
        DatabaseManagementService dbms = null;
        try {
            Path home = Path.of(args[0]).toAbsolutePath();
            int port = Integer.parseInt(args[1]);
            String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "graphkit-test");
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                    .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                    .build();
            setPassword(dbms.database("system"), password);
            DatabaseManagementService running = dbms;
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.shutdown();
                stop.countDown();
            }));
            System.out.println("graphkit-neo4j ready on bolt://127.0.0.1:" + port);
            System.out.flush();
            stop.await();
        } catch (Throwable e) {
            System.err.println("graphkit-neo4j failed to start: " + e);
            e.printStackTrace();
            if (dbms != null) {
                try {
                    dbms.shutdown();
                } catch (Throwable ignored) {
                    // exiting anyway
                }
            }
            System.exit(1);
        }
    }

    /** Set the password of neo4j; on a restart it is often the one already set, which Neo4j refuses to "change". */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            if (!messages(e).contains(SAME_PASSWORD)) {
                throw e;
            }
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
