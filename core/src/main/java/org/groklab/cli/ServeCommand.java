package org.groklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.groklab.spec.SpecException;
import org.groklab.web.ExplorerServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Explore every run and sweep under DIR in a browser: learning curves scrubbed through training "
                + "with the weights at each checkpoint, comparisons, phase diagrams; live while runs train.",
                "Read-only; serves only files under DIR; listens on 127.0.0.1 unless --host says otherwise. "
                        + "Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "runs",
            description = "directory of runs and sweeps (default: ${DEFAULT-VALUE})")
    Path dir;

    @CommandLine.Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @CommandLine.Option(names = "--port", defaultValue = "8765",
            description = "port (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new SpecException("DIR", dir + " is not a directory");
        }
        if (port < 0 || port > 65535) {
            throw new SpecException("--port", "must be 0..65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!loopback(host)) {
            err.println("groklab: warning: serving " + dir + " on " + host + ", reachable from other machines; "
                    + "anyone who can reach it can read every file under it");
        }
        ExplorerServer server;
        try {
            server = ExplorerServer.start(dir, host, port);
        } catch (IOException e) {
            throw new SpecException("--port", "cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        out.println("groklab explorer: " + server.url() + "  (serving " + dir.toAbsolutePath().normalize()
                + "; Ctrl-C to stop)");
        out.flush();
        stopped.await();
        return Main.OK;
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new SpecException("--host", "unknown host " + host);
        }
    }
}
