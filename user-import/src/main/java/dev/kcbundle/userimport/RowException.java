package dev.kcbundle.userimport;

/** A source row that cannot be imported; the message says why (never a password or hash). */
public class RowException extends Exception {

    private final String where;

    public RowException(String where, String reason) {
        super(reason);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
