package dev.kcbundle.userstorage.password;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hashes made by other applications' libraries ({@code legacy-hashes/make-vectors.py} says which). */
record HashVectors(String producer, String password, String encoded) {

    static List<HashVectors> read(String resource) {
        try (InputStream in = HashVectors.class.getResourceAsStream("/legacy-hashes/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split("\t", -1))
                    .map(columns -> new HashVectors(columns[0], columns[1], columns[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return producer;
    }
}
