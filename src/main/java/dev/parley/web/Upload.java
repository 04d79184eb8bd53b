package dev.parley.web;

import dev.parley.protocol.ApiException;
import dev.parley.protocol.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * A request body streamed to a temporary file, never held in memory: written as it arrives, with
 * backpressure (the socket is paused while the file's write queue is full), and cut off past
 * {@code maxBytes} (a declared length over it is refused before a byte is read). The caller
 * deletes the file.
 */
final class Upload {
    private Upload() {
    }

    /** The file holding the whole body; fails with {@code too_large} past {@code maxBytes}. */
    static Future<Path> toTempFile(Vertx vertx, HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > maxBytes) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        request.pause();
        Promise<Path> done = Promise.promise();
        vertx.fileSystem().createTempFile("parley-import-", ".upload").compose(name ->
                vertx.fileSystem().open(name, new OpenOptions().setWrite(true).setTruncateExisting(true))
                        .onSuccess(file -> receive(request, file, Path.of(name), maxBytes, done))
                        .onFailure(failure -> {
                            vertx.fileSystem().delete(name);
                            done.tryFail(failure);
                        }))
                .onFailure(done::tryFail);
        return done.future();
    }

    private static void receive(HttpServerRequest request, AsyncFile file, Path path, long maxBytes, Promise<Path> done) {
        long[] received = {0};
        request.handler(chunk -> {
            if (received[0] > maxBytes) {
                return; // already refused: what still arrives is dropped
            }
            received[0] += chunk.length();
            if (received[0] > maxBytes) {
                request.pause();
                abandon(file, path, done, tooLarge(maxBytes));
                return;
            }
            file.write(chunk);
            if (file.writeQueueFull()) {
                request.pause();
                file.drainHandler(drained -> request.resume());
            }
        });
        request.exceptionHandler(failure -> abandon(file, path, done, failure));
        // A client gone mid-upload: the import must not wait for an end that never comes.
        request.response().closeHandler(gone -> abandon(file, path, done,
                new java.io.IOException("the client closed the connection during the upload")));
        request.endHandler(end -> file.close().onComplete(closed -> {
            if (closed.succeeded()) {
                done.tryComplete(path);
            } else {
                path.toFile().delete();
                done.tryFail(closed.cause());
            }
        }));
        request.resume();
    }

    /** Gives up an upload still being received; once it is complete the file belongs to the caller. */
    private static void abandon(AsyncFile file, Path path, Promise<Path> done, Throwable why) {
        if (done.future().isComplete()) {
            return;
        }
        file.close().onComplete(closed -> {
            path.toFile().delete();
            done.tryFail(why);
        });
    }

    private static ApiException tooLarge(long maxBytes) {
        return new ApiException(ErrorCode.TOO_LARGE, "an import file may be at most " + maxBytes
                + " bytes (PARLEY_IMPORT_MAX_BYTES)");
    }
}
