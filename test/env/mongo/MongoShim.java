/*
 * MongoShim: the `mongodb` test service. No real mongod can be installed on the test machines, so this is
 * mongo-java-server 1.47.0 (de.bwaldvogel, in-memory backend, oplog enabled) plus what change-data capture
 * needs on top of it. mongo-java-server alone:
 *
 *   - answers a change-stream getMore with an empty batch at once, so every driver busy-spins on it;
 *   - leaves ns, wallTime and updateDescription out of change events, reports replaceOne as 'update', and
 *     puts the raw update spec ({$set: ...}) in documentKey;
 *   - reports maxWireVersion 6 to 8, too old for the mongodb@7 driver (it refuses to connect);
 *   - handles every command on a Netty event loop, which is shared by many connections;
 *   - logs every connection a client resets as an ERROR with a stack trace.
 *
 * This launcher fixes those:
 *
 *   1. A getMore whose batch is empty while its cursor is open waits, up to maxTimeMS (default -DawaitMs=1000,
 *      at most 10 s), until a write happens, like a real awaitData cursor. The wait runs on a thread of its own
 *      ({@link ShimHandler}), never on the event loop: waiting there stalled every other connection sharing that
 *      loop by up to a second per write.
 *   2. Change events get ns {db, coll}, wallTime, documentKey {_id}, updateDescription {updatedFields,
 *      removedFields, truncatedArrays} and operationType 'replace' with the new document for whole-document
 *      updates; update events lose the $set delta mongo-java-server puts in fullDocument (MongoDB has no
 *      fullDocument there unless fullDocument:'updateLookup' was asked for).
 *   3. 'hello' is answered (as isMaster plus isWritablePrimary), and maxWireVersion is reported as -DmaxWire
 *      (default 13, MongoDB 5.0's, so the mongodb@6 and @7 drivers both connect; 0 keeps mongo-java-server's).
 *   4. Connections reset by the client are closed quietly ({@link QuietResets}); other errors are still logged.
 *
 * Still missing (see test/env/README.md): replica-set identity, sessions and transactions, $clusterTime and
 * operationTime, database- and deployment-level change streams, pre-images, MongoDB-format resume tokens, the
 * invalidate event after a drop. Events are enriched after the user's pipeline ran, so a $match on ns or
 * updateDescription sees nothing.
 *
 * Options (system properties): host (127.0.0.1), port (27018), maxWire (13), serverVersion (MONGO_5_0, a
 * de.bwaldvogel.mongo.ServerVersion name), awaitMs (1000).
 */

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.CursorNotFoundException;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import de.bwaldvogel.mongo.wire.message.ClientRequest;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public final class MongoShim {
    static final int MAX_WIRE = Integer.getInteger("maxWire", 13);
    static final long DEFAULT_AWAIT_MS = Long.getLong("awaitMs", 1000);
    static final long MAX_AWAIT_MS = 10_000;
    /** A waiting getMore re-reads the oplog at least this often, even if no write was signalled. */
    static final long RECHECK_MS = 250;

    private MongoShim() {}

    /** The in-memory backend with the getMore wait, the event enrichment and the hello/wire-version answers. */
    static final class ShimBackend extends MemoryBackend {
        private final Object writeSignal = new Object();
        private long writes; // guarded by writeSignal

        @Override
        public Document handleCommand(Channel channel, String db, String command, Document query) {
            if (command.equalsIgnoreCase("hello") || command.equalsIgnoreCase("isMaster")) {
                Document reply = super.handleCommand(channel, db, "isMaster", query);
                reply.put("isWritablePrimary", Boolean.TRUE);
                if (MAX_WIRE > 0) reply.put("maxWireVersion", MAX_WIRE);
                return reply;
            }
            if (command.equals("getMore")) return awaitGetMore(channel, db, query);
            try {
                Document reply = super.handleCommand(channel, db, command, query);
                if (command.equals("aggregate")) enrich(batch(reply, "firstBatch"));
                return reply;
            } finally {
                signalWrite(); // any other command may have written (even one that failed half-way)
            }
        }

        private Document awaitGetMore(Channel channel, String db, Document query) {
            long awaitMs = query.get("maxTimeMS") instanceof Number n && n.longValue() > 0 ? n.longValue() : DEFAULT_AWAIT_MS;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(awaitMs, MAX_AWAIT_MS));
            for (boolean first = true; ; first = false) {
                long seen = writeCount();
                Document reply;
                try {
                    reply = super.handleCommand(channel, db, "getMore", query);
                } catch (CursorNotFoundException e) {
                    if (first) throw e;
                    // Killed while this getMore waited (a driver closing its stream does that from another
                    // connection): end it as an exhausted cursor instead of logging an error for it.
                    Document cursor = new Document("id", 0L).append("ns", db + "." + query.get("collection")).append("nextBatch", new ArrayList<>());
                    return new Document("cursor", cursor).append("ok", 1.0);
                }
                List<Object> nextBatch = batch(reply, "nextBatch");
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!nextBatch.isEmpty() || !cursorOpen(reply) || remainingMs <= 0) {
                    enrich(nextBatch);
                    return reply;
                }
                awaitWrite(seen, Math.min(remainingMs, RECHECK_MS));
            }
        }

        private long writeCount() {
            synchronized (writeSignal) {
                return writes;
            }
        }

        private void signalWrite() {
            synchronized (writeSignal) {
                writes++;
                writeSignal.notifyAll();
            }
        }

        private void awaitWrite(long seen, long timeoutMs) {
            synchronized (writeSignal) {
                if (writes != seen) return;
                try {
                    writeSignal.wait(timeoutMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        static boolean cursorOpen(Document reply) {
            return reply.get("cursor") instanceof Document cursor && cursor.get("id") instanceof Number id && id.longValue() != 0;
        }

        @SuppressWarnings("unchecked")
        static List<Object> batch(Document reply, String key) {
            if (reply.get("cursor") instanceof Document cursor && cursor.get(key) instanceof List<?> list) return (List<Object>) list;
            return List.of();
        }

        /** Completes mongo-java-server's change events from the oplog entries they came from (matched by ts). */
        private void enrich(List<Object> batch) {
            Map<BsonTimestamp, Document> events = new HashMap<>();
            for (Object item : batch) {
                if (item instanceof Document event && event.containsKey("operationType") && event.get("clusterTime") instanceof BsonTimestamp ts) {
                    events.put(ts, event);
                }
            }
            if (events.isEmpty()) return;
            MongoDatabase local = resolveDatabase("local");
            MongoCollection<?> oplog = local == null ? null : local.resolveCollection("oplog.rs", false);
            if (oplog == null) return;
            // One pass over the oplog per batch; it is never trimmed, so this grows with the writes since start.
            oplog.queryAllAsStream().forEach(entry -> {
                Document event = entry.get("ts") instanceof BsonTimestamp ts ? events.get(ts) : null;
                if (event != null) enrich(event, entry);
            });
        }

        private static void enrich(Document event, Document entry) {
            String ns = String.valueOf(entry.get("ns"));
            int dot = ns.indexOf('.');
            if (dot > 0) {
                String db = ns.substring(0, dot);
                String coll = ns.substring(dot + 1);
                // Commands (drop) are logged against db.$cmd with the collection in o.drop.
                if (coll.equals("$cmd") && entry.get("o") instanceof Document o && o.get("drop") instanceof String dropped) coll = dropped;
                if (!coll.equals("$cmd")) event.put("ns", new Document("db", db).append("coll", coll));
            }
            if (entry.get("wall") != null) event.put("wallTime", entry.get("wall"));
            if ("d".equals(entry.get("op")) && event.containsKey("fullDocument") && event.get("fullDocument") == null) {
                event.remove("fullDocument"); // MongoDB sends no fullDocument on deletes
            }
            if (!"u".equals(entry.get("op")) || !(entry.get("o2") instanceof Document o2) || !(entry.get("o") instanceof Document spec)) return;
            Object id = o2.get("_id");
            event.put("documentKey", new Document("_id", id));
            boolean operators = spec.keySet().stream().anyMatch(key -> key.startsWith("$"));
            if (!operators) {
                // A replacement document, not an update spec: MongoDB calls that 'replace' and always sends it.
                Document full = new Document("_id", id);
                spec.cloneDeeply().forEach((key, value) -> {
                    if (!key.equals("_id")) full.put(key, value);
                });
                event.put("operationType", "replace");
                event.put("fullDocument", full);
                return;
            }
            // Exact for $set; for other operators ($inc, $push...) this is the operator's argument, not the new value.
            Document updated = new Document();
            spec.forEach((operator, fields) -> {
                if (!operator.equals("$unset") && fields instanceof Document values) updated.putAll(values);
            });
            List<String> removed = spec.get("$unset") instanceof Document unset ? new ArrayList<>(unset.keySet()) : new ArrayList<>();
            event.put("updateDescription",
                    new Document("updatedFields", updated).append("removedFields", removed).append("truncatedArrays", new ArrayList<>()));
            // Without an _id it is the $set delta mongo-java-server puts there, not a looked-up document.
            if (event.get("fullDocument") instanceof Document full && !full.containsKey("_id")) event.remove("fullDocument");
        }
    }

    /** Runs getMore (which may wait, see {@link ShimBackend#awaitGetMore}) off the event loop; all else stays on it. */
    static final class ShimHandler extends MongoDatabaseHandler {
        private final ExecutorService waiters;

        ShimHandler(MongoBackend backend, ChannelGroup channels, ExecutorService waiters) {
            super(backend, channels);
            this.waiters = waiters;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ClientRequest request) {
            if (!(request instanceof MongoMessage message) || !message.getDocument().containsKey("getMore")) {
                super.channelRead0(ctx, request);
                return;
            }
            // A driver sends nothing else on a connection until this reply, so answering later keeps the order.
            waiters.execute(() -> {
                try {
                    super.channelRead0(ctx, request);
                } catch (RuntimeException | Error e) {
                    ctx.fireExceptionCaught(e);
                }
            });
        }
    }

    /**
     * Closes a connection the client reset without a word: mongo-java-server's MongoExceptionHandler logs each one
     * (drivers reset sockets on close) as an ERROR with a stack trace, which buries real errors in the log.
     */
    static final class QuietResets extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) ctx.close();
            else ctx.fireExceptionCaught(cause);
        }
    }

    public static void main(String[] args) {
        String host = System.getProperty("host", "127.0.0.1");
        int port = Integer.getInteger("port", 27018);
        ShimBackend backend = new ShimBackend();
        backend.version(ServerVersion.valueOf(System.getProperty("serverVersion", "MONGO_5_0")));
        backend.enableOplog();

        AtomicInteger waiterIds = new AtomicInteger();
        ExecutorService waiters = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "getmore-wait-" + waiterIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("mongo-clients", GlobalEventExecutor.INSTANCE);
        // The pipeline mongo-java-server's MongoServer.bind builds, with ShimHandler for its MongoDatabaseHandler.
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(), new MongoWireProtocolHandler(),
                                new ShimHandler(backend, channels, waiters), new QuietResets(), new MongoExceptionHandler());
                    }
                })
                .bind(host, port)
                .syncUninterruptibly()
                .channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().awaitUninterruptibly();
            channels.close().awaitUninterruptibly();
            waiters.shutdownNow();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            backend.close();
        }));
        System.out.println("MongoShim (mongo-java-server 1.47.0) listening on " + host + ":" + port + ", maxWireVersion "
                + (MAX_WIRE > 0 ? MAX_WIRE : "as mongo-java-server reports"));
        server.closeFuture().syncUninterruptibly();
    }
}
