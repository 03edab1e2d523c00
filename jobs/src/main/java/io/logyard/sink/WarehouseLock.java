package io.logyard.sink;

import io.logyard.source.Connectors;
import io.logyard.source.Locations;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Locks in the warehouse, so that two runs never do the same work. Each lock is one small file
 * under {@code <warehouse>/_locks/}, created only if absent: with {@code O_EXCL} on local disks,
 * and through the Hadoop filesystem with overwrite off on object stores (an {@code If-None-Match}
 * or generation precondition on S3, GCS and ABFS), then read back to confirm. The file names its
 * holder: run id, command, host, pid, start, heartbeat and expiry.
 *
 * <p>Scopes: {@link #WAREHOUSE} is taken by every command that discovers, aggregates or runs all
 * stages, together with every source's lock; {@code ingest --source NAME} takes only its sources'
 * locks ({@code source-NAME}), so the scheduler's per-source ingest tasks run side by side, and
 * never beside a {@code run} (which holds every source). Locks are taken in one order (warehouse,
 * then sources by name), so two commands never wait on each other in a circle.
 *
 * <p>A holder rewrites its heartbeat every quarter of the time to live; a lock is stale (taken
 * over) when its expiry has passed on the taker's clock, or at once when its holder was a process
 * on this host that is gone (a {@code kill -9}). A lock is released on {@link #close} and by a
 * shutdown hook. Every time comes from the injected {@link Clock}.
 */
public final class WarehouseLock implements AutoCloseable {
  public static final String WAREHOUSE = "warehouse";
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);
  private static final String DIR = "_locks";

  /** Who holds a lock, as written in its file. */
  public record Holder(String token, String runId, String command, String host, long pid, Instant started,
      Instant heartbeat, Instant expires) {
    String text() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("run_id", runId);
      m.put("command", command);
      m.put("host", host);
      m.put("pid", Long.toString(pid));
      m.put("started", started.toString());
      m.put("heartbeat", heartbeat.toString());
      m.put("expires", expires.toString());
      m.put("token", token);
      StringBuilder b = new StringBuilder();
      m.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
      return b.toString();
    }

    static Holder parse(String text) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
      }
      if (m.get("token") == null || m.get("host") == null || m.get("run_id") == null) return null;
      try {
        return new Holder(m.get("token"), m.get("run_id"), m.get("command"), m.get("host"), Long.parseLong(m.get("pid")),
            Instant.parse(m.get("started")), Instant.parse(m.get("heartbeat")), Instant.parse(m.get("expires")));
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** One line for messages: which run, where, since when. */
    public String describe() {
      String rest = "host " + host + ", pid " + pid + ", started " + started + ", last heartbeat " + heartbeat + ")";
      return runId.isEmpty() ? "a " + command + " starting (" + rest : "run " + runId + " (" + command + ", " + rest;
    }
  }

  /** A lock held by another run that could not be taken in time. */
  public static final class HeldException extends IllegalStateException {
    private final Holder holder;

    HeldException(String message, Holder holder) {
      super(message);
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  private final FileSystem fs;
  private final Path dir;
  private final Clock clock;
  private final Duration ttl;
  private final List<String> held = new ArrayList<>();
  private final ScheduledExecutorService heartbeat;
  private final Thread hook;
  private volatile Holder me;
  private volatile boolean closed;

  private WarehouseLock(FileSystem fs, Path dir, Clock clock, Duration ttl, Holder me) {
    this.fs = fs;
    this.dir = dir;
    this.clock = clock;
    this.ttl = ttl;
    this.me = me;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "logyard-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    this.hook = new Thread(this::release, "logyard-lock-release");
  }

  /**
   * Takes the locks {@code names} (in the order given: {@link #WAREHOUSE} first, then sources by
   * name) in the warehouse at {@code warehouse}, waiting up to {@code wait} for each while another
   * live run holds it.
   *
   * @param runId the run's id, or empty until it has one (see {@link #runId(String)})
   * @param say where waiting and stale takeovers are reported
   * @throws HeldException when a lock is still held by another run after {@code wait}
   */
  public static WarehouseLock acquire(String warehouse, Configuration conf, List<String> names, String runId, String command,
      Clock clock, Duration wait, Duration ttl, Consumer<String> say) {
    String root = Locations.qualify(warehouse);
    Path dir = new Path(root.endsWith("/") ? root + DIR : root + "/" + DIR);
    FileSystem fs;
    try {
      fs = Connectors.open(dir.toUri(), conf);
      dir = fs.makeQualified(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("warehouse " + warehouse + ": cannot open its filesystem for the lock: " + e.getMessage(), e);
    }
    Instant now = clock.instant();
    Holder me = new Holder(UUID.randomUUID().toString(), runId, command, host(), ProcessHandle.current().pid(), now, now,
        now.plus(ttl));
    WarehouseLock lock = new WarehouseLock(fs, dir, clock, ttl, me);
    try {
      for (String name : names) lock.take(name, wait, say);
    } catch (RuntimeException e) {
      lock.release();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(lock.hook);
    long beat = Math.max(1, ttl.toMillis() / 4);
    lock.heartbeat.scheduleWithFixedDelay(lock::beat, beat, beat, TimeUnit.MILLISECONDS);
    return lock;
  }

  /** The lock names a command takes: the warehouse's (unless only some sources' ingest) and each source's. */
  public static List<String> names(boolean warehouse, List<String> sources) {
    List<String> out = new ArrayList<>();
    if (warehouse) out.add(WAREHOUSE);
    sources.stream().map(s -> "source-" + s.replaceAll("[^A-Za-z0-9._-]", "_")).sorted().distinct().forEach(out::add);
    return out;
  }

  /** Names the run that holds the lock, once it has an id: rewrites the lock files at once. */
  public void runId(String runId) {
    me = new Holder(me.token(), runId, me.command(), me.host(), me.pid(), me.started(), me.heartbeat(), me.expires());
    beat();
  }

  public Holder holder() {
    return me;
  }

  private void take(String name, Duration wait, Consumer<String> say) {
    Path file = new Path(dir, name + ".lock");
    Instant deadline = clock.instant().plus(wait);
    boolean announced = false;
    while (true) {
      try {
        if (create(file, me.text())) {
          held.add(name);
          return;
        }
        String text = read(file);
        if (text == null) continue; // released meanwhile: try again at once
        Holder other = Holder.parse(text);
        String why = other == null ? staleUnreadable(file) : stale(other);
        if (why != null) {
          say.accept("taking over the stale lock " + name + " of " + (other == null ? "an unreadable lock file" : other.describe())
              + ": " + why);
          if (text.equals(read(file))) delete(file);
          continue;
        }
        String who = other == null ? "an unreadable lock file " + file : other.describe();
        if (!clock.instant().isBefore(deadline)) {
          throw new HeldException("the warehouse is in use: lock " + name + " is held by " + who
              + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
              + "; wait for it to finish, or pass --lock-wait SECONDS to wait for it", other);
        }
        if (!announced) {
          say.accept("waiting up to " + wait.toSeconds() + " s for lock " + name + ", held by " + who);
          announced = true;
        }
        Thread.sleep(Math.min(1000, Math.max(50, ttl.toMillis() / 8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot take the warehouse lock " + file + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the warehouse lock " + file, e);
      }
    }
  }

  /** Why {@code other} is stale, or null while it is alive. */
  String stale(Holder other) {
    Instant now = clock.instant();
    if (now.isAfter(other.expires())) {
      return "no heartbeat since " + other.heartbeat() + " (expired " + other.expires() + ")";
    }
    if (other.host().equals(me.host()) && other.pid() != me.pid()
        && ProcessHandle.of(other.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "its process " + other.pid() + " on this host is gone";
    }
    return null;
  }

  /** Why a lock file that names no holder is stale (unchanged for the time to live), or null. */
  private String staleUnreadable(Path file) throws IOException {
    try {
      Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
      return clock.instant().isAfter(modified.plus(ttl)) ? "unreadable and unchanged since " + modified : null;
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** Writes {@code text} to {@code file} only if it does not exist; whether it is now ours. */
  private boolean create(Path file, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (local()) {
      java.nio.file.Path p = Paths.get(file.toUri());
      Files.createDirectories(p.getParent());
      // written aside, then linked in: the link appears whole, or fails when the lock exists
      java.nio.file.Path tmp = p.resolveSibling("." + p.getFileName() + "." + me.token());
      Files.write(tmp, bytes);
      try {
        Files.createLink(p, tmp);
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        try {
          Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException exists) {
          return false;
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } else {
      try {
        createNew(file, bytes, true);
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        if (read(file) != null) return false; // lost the race as the upload completed
        // the connector or the store refused the conditional create: a plain one, confirmed below
        try {
          createNew(file, bytes, false);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException exists) {
          return false;
        }
      }
    }
    // stores without an atomic create-if-absent: the last writer wins, so confirm it is us
    return text.equals(read(file));
  }

  /** Creates {@code file} with overwrite off; {@code conditional}: as S3A's conditional PUT (If-None-Match: *). */
  private void createNew(Path file, byte[] bytes, boolean conditional) throws IOException {
    var builder = fs.createFile(file).overwrite(false).recursive();
    if (conditional) builder.opt("fs.option.create.conditional.overwrite", true);
    try (FSDataOutputStream out = (FSDataOutputStream) builder.build()) {
      out.write(bytes);
    }
  }

  /** The file's text, or null when there is none. */
  private String read(Path file) throws IOException {
    if (local()) {
      try {
        return Files.readString(Paths.get(file.toUri()));
      } catch (NoSuchFileException e) {
        return null;
      }
    }
    try (InputStream in = fs.open(file)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private void write(Path file, String text) throws IOException {
    if (local()) {
      java.nio.file.Path p = Paths.get(file.toUri());
      java.nio.file.Path tmp = p.resolveSibling("." + p.getFileName() + "." + me.token());
      Files.writeString(tmp, text);
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try (OutputStream out = fs.create(file, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void delete(Path file) throws IOException {
    if (local()) {
      Files.deleteIfExists(Paths.get(file.toUri()));
    } else {
      fs.delete(file, false);
    }
  }

  private boolean local() {
    return "file".equals(fs.getUri().getScheme());
  }

  /** Rewrites the heartbeat of every lock still ours; a lock taken over meanwhile is left alone. */
  private synchronized void beat() {
    if (closed) return;
    Instant now = clock.instant();
    Holder next = new Holder(me.token(), me.runId(), me.command(), me.host(), me.pid(), me.started(), now, now.plus(ttl));
    for (String name : held) {
      Path file = new Path(dir, name + ".lock");
      try {
        Holder current = Holder.parse(String.valueOf(read(file)));
        if (current == null || !current.token().equals(me.token())) continue;
        write(file, next.text());
      } catch (IOException | RuntimeException e) {
        // the next beat tries again; the lock stays ours until it expires
      }
    }
    me = next;
  }

  /** Releases every lock still ours (idempotent). */
  private synchronized void release() {
    if (closed) return;
    closed = true;
    heartbeat.shutdownNow();
    for (String name : held) {
      Path file = new Path(dir, name + ".lock");
      try {
        Holder current = Holder.parse(String.valueOf(read(file)));
        if (current != null && current.token().equals(me.token())) delete(file);
      } catch (IOException | RuntimeException e) {
        // left behind: the next run finds it stale (expired, or its process gone)
      }
    }
    held.clear();
    try {
      fs.close();
    } catch (IOException ignored) {
      // only connections to release
    }
  }

  @Override
  public void close() {
    release();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // shutting down already, or never registered
    }
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
