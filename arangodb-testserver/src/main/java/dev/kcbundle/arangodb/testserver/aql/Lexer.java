package dev.kcbundle.arangodb.testserver.aql;

import dev.kcbundle.arangodb.testserver.store.ArangoError;
import java.util.ArrayList;
import java.util.List;

/** Splits an AQL query into tokens; skips whitespace and comments. */
final class Lexer {

    private static final String[] SYMBOLS = {
        "[*]", "==", "!=", "<=", ">=", "&&", "||", "..", "=~", "!~", "::", "<", ">", "=", "+", "-", "*", "/", "%", "!",
        "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"
    };

    private final String query;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String query) {
        this.query = query;
    }

    static List<Token> tokenize(String query) {
        return new Lexer(query).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= query.length()) {
                tokens.add(new Token(Token.Kind.END, "", line, column(pos), pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private int column(int at) {
        return at - lineStart + 1;
    }

    private void skipBlanks() {
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (query.startsWith("//", pos)) {
                while (pos < query.length() && query.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (query.startsWith("/*", pos)) {
                int end = query.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unexpected end of query in comment", pos);
                }
                for (int i = pos; i < end; i++) {
                    if (query.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = pos;
        char c = query.charAt(pos);
        if (c == '"' || c == '\'') {
            return new Token(Token.Kind.STRING, quoted(c), line, column(start), start);
        }
        if (c == '`' || c == '\u00b4') {
            return new Token(Token.Kind.QUOTED_IDENTIFIER, quoted(c), line, column(start), start);
        }
        if (Character.isDigit(c)) {
            return new Token(Token.Kind.NUMBER, number(), line, column(start), start);
        }
        if (c == '@') {
            boolean collection = query.startsWith("@@", pos);
            pos += collection ? 2 : 1;
            String name = word();
            if (name.isEmpty()) {
                throw error("syntax error, unexpected '@'", start);
            }
            return new Token(
                    collection ? Token.Kind.COLLECTION_BIND : Token.Kind.BIND, name, line, column(start), start);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            return new Token(Token.Kind.IDENTIFIER, word(), line, column(start), start);
        }
        for (String symbol : SYMBOLS) {
            if (query.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(Token.Kind.SYMBOL, symbol, line, column(start), start);
            }
        }
        throw error("syntax error, unexpected character '" + c + "'", start);
    }

    private String word() {
        int start = pos;
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        return query.substring(start, pos);
    }

    private String number() {
        int start = pos;
        while (pos < query.length() && Character.isDigit(query.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < query.length() && query.charAt(pos) == '.' && Character.isDigit(query.charAt(pos + 1))) {
            pos++;
            while (pos < query.length() && Character.isDigit(query.charAt(pos))) {
                pos++;
            }
        }
        if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < query.length() && (query.charAt(pos) == '+' || query.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < query.length() && Character.isDigit(query.charAt(pos))) {
                while (pos < query.length() && Character.isDigit(query.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return query.substring(start, pos);
    }

    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder text = new StringBuilder();
        while (pos < query.length()) {
            char c = query.charAt(pos++);
            if (c == quote) {
                return text.toString();
            }
            if (c == '\\' && pos < query.length()) {
                char escaped = query.charAt(pos++);
                switch (escaped) {
                    case 'n':
                        text.append('\n');
                        break;
                    case 't':
                        text.append('\t');
                        break;
                    case 'r':
                        text.append('\r');
                        break;
                    case 'b':
                        text.append('\b');
                        break;
                    case 'f':
                        text.append('\f');
                        break;
                    case 'u':
                        if (pos + 4 > query.length()) {
                            throw error("syntax error, invalid unicode escape", start);
                        }
                        text.append((char) Integer.parseInt(query.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default:
                        text.append(escaped);
                }
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = pos;
                }
                text.append(c);
            }
        }
        throw error("syntax error, unexpected unterminated string", start);
    }

    private ArangoError error(String message, int at) {
        return ArangoError.queryParse(
                message + " near '" + Parser.near(query, at) + "' at position " + line + ":" + column(at));
    }
}
