package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of the AQL subset (grammar in the module README). Anything outside the subset fails with
 * ArangoDB's 1501 syntax error, unknown functions with 1540.
 */
final class Parser {

    private final String text;
    private final List<Token> tokens;
    private final List<String> variables = new ArrayList<>();
    private final Set<String> bindParameters = new LinkedHashSet<>();
    private int position;
    private boolean noIn;
    private boolean modifies;

    private Parser(String text) {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
    }

    /** The parsed query, the bind parameters it declares ({@code @@c} as {@code "@c"}) and whether it modifies data. */
    record Parsed(Query query, Set<String> bindParameters, boolean modifies) {}

    static Parsed parse(String query) {
        if (query == null || query.isBlank()) {
            throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.QUERY_EMPTY, "query is empty");
        }
        Parser parser = new Parser(query);
        Query parsed = parser.body();
        if (!parser.peek().is(Token.Kind.END)) {
            throw parser.unexpected();
        }
        return new Parsed(parsed, parser.bindParameters, parser.modifies);
    }

    static String near(String query, int offset) {
        String rest = query.substring(Math.min(offset, query.length()));
        return rest.length() > 32 ? rest.substring(0, 32) : rest;
    }

    // ---- statements

    private Query body() {
        int scopeStart = variables.size();
        List<Operation> operations = new ArrayList<>();
        while (true) {
            Token token = peek();
            if (token.isKeyword("RETURN")) {
                next();
                Expr value = expression();
                truncateVariables(scopeStart);
                return new Query(IndexHints.addTo(operations), value);
            }
            Operation operation = statement(scopeStart);
            if (operation == null) {
                break;
            }
            operations.add(operation);
        }
        if (operations.isEmpty() || !(operations.get(operations.size() - 1) instanceof ModifyOperation)) {
            throw unexpected();
        }
        truncateVariables(scopeStart);
        return new Query(IndexHints.addTo(operations), null);
    }

    private Operation statement(int scopeStart) {
        Token token = peek();
        if (token.isKeyword("FOR")) {
            next();
            String variable = declare(variableName());
            expectKeyword("IN");
            return new ForOperation(variable, collectionName());
        }
        if (token.isKeyword("FILTER")) {
            next();
            return new SimpleOperations.Filter(expression());
        }
        if (token.isKeyword("SORT")) {
            next();
            List<SimpleOperations.SortKey> keys = new ArrayList<>();
            do {
                Expr value = expression();
                boolean ascending = true;
                if (accept("DESC")) {
                    ascending = false;
                } else {
                    accept("ASC");
                }
                keys.add(new SimpleOperations.SortKey(value, ascending));
            } while (acceptSymbol(","));
            return new SimpleOperations.Sort(keys);
        }
        if (token.isKeyword("LIMIT")) {
            next();
            Expr first = expression();
            if (acceptSymbol(",")) {
                return new SimpleOperations.Limit(first, expression());
            }
            return new SimpleOperations.Limit(null, first);
        }
        if (token.isKeyword("COLLECT")) {
            next();
            return collect(scopeStart);
        }
        if (token.isKeyword("UPDATE") || token.isKeyword("REPLACE")) {
            next();
            return modification(ModifyOperation.Kind.valueOf(token.upper()));
        }
        if (token.is(Token.Kind.END)) {
            return null;
        }
        throw unexpected();
    }

    /** {@code COLLECT WITH COUNT INTO variable}: the number of rows. */
    private Operation collect(int scopeStart) {
        expectKeyword("WITH");
        expectKeyword("COUNT");
        expectKeyword("INTO");
        String count = variableName();
        truncateVariables(scopeStart);
        declare(count);
        return new SimpleOperations.CountInto(count);
    }

    private Operation modification(ModifyOperation.Kind kind) {
        modifies = true;
        boolean outerNoIn = noIn;
        noIn = true;
        Expr document = expression();
        Expr with = accept("WITH") ? expression() : null;
        noIn = outerNoIn;
        Token into = next();
        if (!into.isKeyword("IN") && !into.isKeyword("INTO")) {
            throw unexpected(into);
        }
        CollectionName collection = collectionName();
        Expr options = null;
        if (accept("OPTIONS")) {
            options = expression();
        }
        if (!variables.contains("NEW")) {
            variables.add("NEW");
            variables.add("OLD");
        }
        return new ModifyOperation(kind, document, with, collection, options);
    }

    private CollectionName collectionName() {
        Token token = next();
        if (token.is(Token.Kind.COLLECTION_BIND)) {
            bindParameters.add("@" + token.text());
            return CollectionName.bound(token.text());
        }
        if ((token.is(Token.Kind.IDENTIFIER) && !Keywords.isReserved(token.text()))
                || token.is(Token.Kind.QUOTED_IDENTIFIER)) {
            return CollectionName.literal(token.text());
        }
        throw unexpected(token);
    }

    // ---- expressions

    private Expr expression() {
        Expr condition = or();
        if (acceptSymbol("?")) {
            Expr then = null;
            if (!peek().isSymbol(":")) {
                then = expression();
            }
            expectSymbol(":");
            return new Expr.Ternary(condition, then, expression());
        }
        return condition;
    }

    private Expr or() {
        Expr left = and();
        while (acceptSymbol("||") || accept("OR")) {
            left = new Expr.Logical(left, and(), false);
        }
        return left;
    }

    private Expr and() {
        Expr left = equality();
        while (acceptSymbol("&&") || accept("AND")) {
            left = new Expr.Logical(left, equality(), true);
        }
        return left;
    }

    private Expr equality() {
        Expr left = in();
        while (true) {
            Token token = peek();
            if (token.isSymbol("==") || token.isSymbol("!=")) {
                next();
                left = new Expr.Binary(token.text(), left, in());
            } else if (token.isKeyword("LIKE")) {
                next();
                left = new Expr.Binary("LIKE", left, in());
            } else if (token.isKeyword("NOT") && peek(1).isKeyword("LIKE")) {
                next();
                next();
                left = new Expr.Binary("NOT LIKE", left, in());
            } else {
                return left;
            }
        }
    }

    private Expr in() {
        Expr left = postfix(primary());
        while (!noIn) {
            if (peek().isKeyword("IN")) {
                next();
                left = new Expr.Binary("IN", left, postfix(primary()));
            } else if (peek().isKeyword("NOT") && peek(1).isKeyword("IN")) {
                next();
                next();
                left = new Expr.Binary("NOT IN", left, postfix(primary()));
            } else {
                break;
            }
        }
        return left;
    }

    private Expr postfix(Expr base) {
        Expr current = base;
        while (true) {
            if (acceptSymbol(".")) {
                current = new Expr.Attribute(current, attributeName());
            } else if (acceptSymbol("[*]")) {
                return new Expr.Expansion(current);
            } else if (peek().isSymbol("[")) {
                next();
                boolean outerNoIn = noIn;
                noIn = false;
                Expr index = expression();
                noIn = outerNoIn;
                expectSymbol("]");
                current = new Expr.Index(current, index);
            } else {
                return current;
            }
        }
    }

    private String attributeName() {
        Token token = next();
        if (token.is(Token.Kind.IDENTIFIER) || token.is(Token.Kind.QUOTED_IDENTIFIER)) {
            return token.text();
        }
        throw unexpected(token);
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                try {
                    return new Expr.Literal(Values.number(Double.parseDouble(token.text())));
                } catch (NumberFormatException e) {
                    throw unexpected(token);
                }
            case STRING:
                return new Expr.Literal(Values.text(token.text()));
            case BIND:
                bindParameters.add(token.text());
                return new Expr.BindValue(token.text());
            case QUOTED_IDENTIFIER:
                return variable(token);
            case IDENTIFIER:
                return identifier(token);
            case SYMBOL:
                if (token.isSymbol("(")) {
                    return parenthesized();
                }
                if (token.isSymbol("[")) {
                    return arrayLiteral();
                }
                if (token.isSymbol("{")) {
                    return objectLiteral();
                }
                throw unexpected(token);
            default:
                throw unexpected(token);
        }
    }

    private Expr identifier(Token token) {
        String word = token.upper();
        if (word.equals("NULL")) {
            return new Expr.Literal(NullNode.instance);
        }
        if (word.equals("TRUE") || word.equals("FALSE")) {
            return new Expr.Literal(BooleanNode.valueOf(word.equals("TRUE")));
        }
        if (peek().isSymbol("(")) {
            return call(token);
        }
        return variable(token);
    }

    /** A declared variable; any other name (a collection as a value, for instance) is outside the subset. */
    private Expr variable(Token token) {
        if (!variables.contains(token.text())) {
            throw ArangoError.queryParse("unknown variable or value '" + token.text() + "' (the stand-in reads"
                    + " collections only in FOR ... IN) at position " + token.line() + ":" + token.column());
        }
        return new Expr.Variable(token.text());
    }

    private Expr call(Token name) {
        expectSymbol("(");
        boolean outerNoIn = noIn;
        noIn = false;
        List<Expr> arguments = new ArrayList<>();
        if (!acceptSymbol(")")) {
            do {
                arguments.add(expression());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        noIn = outerNoIn;
        return new Expr.Call(Functions.lookup(name.text(), arguments.size()), arguments);
    }

    private Expr parenthesized() {
        boolean outerNoIn = noIn;
        noIn = false;
        Expr inner = expression();
        noIn = outerNoIn;
        expectSymbol(")");
        return inner;
    }

    private Expr arrayLiteral() {
        boolean outerNoIn = noIn;
        noIn = false;
        List<Expr> items = new ArrayList<>();
        if (!acceptSymbol("]")) {
            do {
                if (peek().isSymbol("]")) {
                    break;
                }
                items.add(expression());
            } while (acceptSymbol(","));
            expectSymbol("]");
        }
        noIn = outerNoIn;
        return new Expr.ArrayLiteral(items);
    }

    private Expr objectLiteral() {
        boolean outerNoIn = noIn;
        noIn = false;
        List<Expr.Member> members = new ArrayList<>();
        if (!acceptSymbol("}")) {
            do {
                if (peek().isSymbol("}")) {
                    break;
                }
                members.add(member());
            } while (acceptSymbol(","));
            expectSymbol("}");
        }
        noIn = outerNoIn;
        return new Expr.ObjectLiteral(members);
    }

    private Expr.Member member() {
        Token token = next();
        if (token.isSymbol("[")) {
            Expr name = expression();
            expectSymbol("]");
            expectSymbol(":");
            return new Expr.Member(null, name, expression());
        }
        if (token.is(Token.Kind.STRING) || token.is(Token.Kind.QUOTED_IDENTIFIER) || token.is(Token.Kind.IDENTIFIER)) {
            expectSymbol(":");
            return new Expr.Member(token.text(), null, expression());
        }
        throw unexpected(token);
    }

    // ---- helpers

    private String variableName() {
        Token token = next();
        if ((token.is(Token.Kind.IDENTIFIER) && !Keywords.isReserved(token.text()))
                || token.is(Token.Kind.QUOTED_IDENTIFIER)) {
            return token.text();
        }
        throw unexpected(token);
    }

    private String declare(String variable) {
        if (variables.contains(variable)) {
            throw new ArangoError(
                    ArangoError.HTTP_BAD,
                    ArangoError.QUERY_VARIABLE_REDECLARED,
                    "AQL: variable '" + variable + "' is assigned multiple times (while parsing)");
        }
        variables.add(variable);
        return variable;
    }

    private void truncateVariables(int size) {
        while (variables.size() > size) {
            variables.remove(variables.size() - 1);
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (position < tokens.size() - 1) {
            position++;
        }
        return token;
    }

    private boolean accept(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) {
            throw unexpected(token);
        }
    }

    private void expectSymbol(String symbol) {
        Token token = next();
        if (!token.isSymbol(symbol)) {
            throw unexpected(token);
        }
    }

    private ArangoError unexpected() {
        return unexpected(peek());
    }

    private ArangoError unexpected(Token token) {
        return ArangoError.queryParse("syntax error, unexpected " + token.describe() + " near '"
                + near(text, token.offset()) + "' at position " + token.line() + ":" + token.column());
    }
}
