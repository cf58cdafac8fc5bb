package dev.kcbundle.arangodb.testserver.aql;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds, for each FOR over a collection, what an index may answer: the equalities in the FILTERs directly after it
 * ({@code doc.a == value}, {@code value IN doc.a[*]}, {@code value IN doc.a}; in {@code AND} parts and, when every
 * part has one, in the parts of an {@code OR}), and a {@code SORT doc.a} followed by {@code LIMIT} right after it.
 * Like ArangoDB, {@code value IN doc.a} with or without {@code [*]} is answered only by an array index on
 * {@code a[*]}, and {@code doc.a == value} only by a non-array index.
 */
final class IndexHints {

    private IndexHints() {}

    static List<Operation> addTo(List<Operation> operations) {
        for (int i = 0; i + 1 < operations.size(); i++) {
            if (operations.get(i) instanceof SimpleOperations.Sort
                    && operations.get(i + 1) instanceof SimpleOperations.Limit) {
                ((SimpleOperations.Sort) operations.get(i)).followedBy((SimpleOperations.Limit) operations.get(i + 1));
            }
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!(operations.get(i) instanceof ForOperation)) {
                continue;
            }
            ForOperation loop = (ForOperation) operations.get(i);
            List<Expr> filters = new ArrayList<>();
            int next = i + 1;
            for (; next < operations.size() && operations.get(next) instanceof SimpleOperations.Filter; next++) {
                filters.add(((SimpleOperations.Filter) operations.get(next)).condition());
            }
            if (next + 1 < operations.size()
                    && operations.get(next) instanceof SimpleOperations.Sort
                    && operations.get(next + 1) instanceof SimpleOperations.Limit) {
                List<SimpleOperations.SortKey> keys = ((SimpleOperations.Sort) operations.get(next)).keys();
                String path = keys.size() == 1 ? attributePath(keys.get(0).value(), loop.variable()) : null;
                if (path != null) {
                    loop.sortHint(new ForOperation.SortHint(
                            filters, path, keys.get(0).ascending(), (SimpleOperations.Limit) operations.get(next + 1)));
                }
            }
            for (int j = i + 1; j < operations.size() && operations.get(j) instanceof SimpleOperations.Filter; j++) {
                addLookups(loop, ((SimpleOperations.Filter) operations.get(j)).condition());
            }
        }
        return operations;
    }

    private static void addLookups(ForOperation loop, Expr condition) {
        if (isOr(condition)) {
            List<List<IndexLookup.Equality>> branches = new ArrayList<>();
            if (collectBranches(loop, condition, branches)) {
                loop.addLookup(new IndexLookup(branches));
            }
            return;
        }
        List<IndexLookup.Equality> equalities = new ArrayList<>();
        collectEqualities(loop, condition, equalities);
        equalities.forEach(equality -> loop.addLookup(IndexLookup.of(equality)));
    }

    /** Adds one branch per part of an OR; false when a part has no equality (then no index can answer the OR). */
    private static boolean collectBranches(
            ForOperation loop, Expr condition, List<List<IndexLookup.Equality>> branches) {
        if (isOr(condition)) {
            Expr.Logical or = (Expr.Logical) condition;
            return collectBranches(loop, or.left(), branches) && collectBranches(loop, or.right(), branches);
        }
        List<IndexLookup.Equality> equalities = new ArrayList<>();
        collectEqualities(loop, condition, equalities);
        branches.add(equalities);
        return !equalities.isEmpty();
    }

    /** The equalities {@code condition} implies: itself, or those of its AND parts (an OR part implies none). */
    private static void collectEqualities(ForOperation loop, Expr condition, List<IndexLookup.Equality> into) {
        if (condition instanceof Expr.Logical) {
            Expr.Logical logical = (Expr.Logical) condition;
            if (logical.and()) {
                collectEqualities(loop, logical.left(), into);
                collectEqualities(loop, logical.right(), into);
            }
            return;
        }
        if (!(condition instanceof Expr.Binary)) {
            return;
        }
        Expr.Binary binary = (Expr.Binary) condition;
        if (binary.operator().equals("==")) {
            addEquality(loop, binary.left(), binary.right(), "", into);
            addEquality(loop, binary.right(), binary.left(), "", into);
        } else if (binary.operator().equals("IN")) {
            Expr array = binary.right();
            if (array instanceof Expr.Expansion) {
                array = ((Expr.Expansion) array).base();
            }
            addEquality(loop, array, binary.left(), "[*]", into);
        }
    }

    private static void addEquality(
            ForOperation loop, Expr attribute, Expr value, String suffix, List<IndexLookup.Equality> into) {
        String path = attributePath(attribute, loop.variable());
        if (path != null && !value.uses(loop.variable())) {
            into.add(new IndexLookup.Equality(path + suffix, value));
        }
    }

    private static boolean isOr(Expr condition) {
        return condition instanceof Expr.Logical && !((Expr.Logical) condition).and();
    }

    /** {@code a.b} for {@code variable.a.b}; null for anything else. */
    private static String attributePath(Expr expr, String variable) {
        if (!(expr instanceof Expr.Attribute)) {
            return null;
        }
        Expr.Attribute attribute = (Expr.Attribute) expr;
        if (attribute.base() instanceof Expr.Variable) {
            return ((Expr.Variable) attribute.base()).name().equals(variable) ? attribute.name() : null;
        }
        String parent = attributePath(attribute.base(), variable);
        return parent == null ? null : parent + "." + attribute.name();
    }
}
