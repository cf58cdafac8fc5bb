package dev.kcbundle.arangodb.testserver.aql;

import java.util.Locale;

/** One lexical token of an AQL query with its 1-based line and column. */
record Token(Kind kind, String text, int line, int column, int offset) {

    enum Kind {
        IDENTIFIER,
        QUOTED_IDENTIFIER,
        STRING,
        NUMBER,
        BIND,
        COLLECTION_BIND,
        SYMBOL,
        END
    }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A keyword is an unquoted identifier, compared case-insensitively. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    String describe() {
        switch (kind) {
            case END:
                return "end of query";
            case STRING:
                return "quoted string";
            case NUMBER:
                return "integer number";
            case BIND:
            case COLLECTION_BIND:
                return "bind parameter";
            case IDENTIFIER:
                return Keywords.isReserved(text) ? text.toUpperCase(Locale.ROOT) + " keyword" : "identifier";
            case QUOTED_IDENTIFIER:
                return "identifier";
            default:
                return "'" + text + "'";
        }
    }
}
