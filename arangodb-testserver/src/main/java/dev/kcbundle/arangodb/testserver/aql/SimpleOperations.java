package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** FILTER, LET, SORT, LIMIT and COLLECT. */
final class SimpleOperations {

    private SimpleOperations() {
    }

    record Filter(Expr condition) implements Operation {
        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            List<Scope> out = new ArrayList<>();
            for (Scope row : rows) {
                if (Values.truthy(condition.eval(row, context))) {
                    out.add(row);
                } else {
                    context.filtered++;
                }
            }
            return out;
        }

        public void collections(Set<String> names) {
            condition.collections(names);
        }
    }

    record Let(String variable, Expr value) implements Operation {
        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            List<Scope> out = new ArrayList<>(rows.size());
            for (Scope row : rows) {
                out.add(row.with(variable, Values.orNull(value.eval(row, context))));
            }
            return out;
        }

        public void collections(Set<String> names) {
            value.collections(names);
        }

        public boolean modifies() {
            return value instanceof Expr.Subquery && ((Expr.Subquery) value).query().modifies();
        }
    }

    record SortKey(Expr value, boolean ascending) {
    }

    /**
     * {@code SORT}: stable. Directly followed by a LIMIT, only the first offset + count rows are selected (a bounded
     * heap instead of sorting everything), which keeps paging through large collections cheap.
     */
    static final class Sort implements Operation {
        private final List<SortKey> keys;
        private Limit followingLimit;

        Sort(List<SortKey> keys) {
            this.keys = keys;
        }

        void followedBy(Limit limit) {
            this.followingLimit = limit;
        }

        List<SortKey> keys() {
            return keys;
        }

        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            List<JsonNode[]> evaluated = new ArrayList<>(rows.size());
            for (Scope row : rows) {
                JsonNode[] values = new JsonNode[keys.size()];
                for (int i = 0; i < keys.size(); i++) {
                    values[i] = keys.get(i).value().eval(row, context);
                }
                evaluated.add(values);
            }
            java.util.Comparator<Integer> order = (a, b) -> {
                for (int k = 0; k < keys.size(); k++) {
                    int c = Values.compare(evaluated.get(a)[k], evaluated.get(b)[k]);
                    if (c != 0) {
                        return keys.get(k).ascending() ? c : -c;
                    }
                }
                return Integer.compare(a, b);
            };
            long needed = followingLimit == null ? Long.MAX_VALUE : followingLimit.rowsNeeded(base, context);
            List<Integer> positions;
            if (needed < rows.size() / 2) {
                java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(order.reversed());
                for (int i = 0; i < rows.size(); i++) {
                    heap.add(i);
                    if (heap.size() > needed) {
                        heap.poll();
                    }
                }
                positions = new ArrayList<>(heap);
            } else {
                positions = new ArrayList<>(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    positions.add(i);
                }
            }
            positions.sort(order);
            List<Scope> out = new ArrayList<>(positions.size());
            positions.forEach(i -> out.add(rows.get(i)));
            if (followingLimit != null && positions.size() < rows.size()) {
                followingLimit.rowsBeforeSort(rows.size(), context);
            }
            return out;
        }

        public void collections(Set<String> names) {
            keys.forEach(k -> k.value().collections(names));
        }
    }

    static final class Limit implements Operation {
        private final Expr offset;
        private final Expr count;
        private boolean lastTopLevel;

        Limit(Expr offset, Expr count) {
            this.offset = offset;
            this.count = count;
        }

        /** This is the query's last top-level LIMIT: {@code fullCount} counts the rows before it. */
        void markLastTopLevel() {
            lastTopLevel = true;
        }

        /** offset + count, or "all" when they are not valid numbers (apply reports that error). */
        long rowsNeeded(Scope base, QueryContext context) {
            try {
                long skip = offset == null ? 0 : number(offset.eval(base, context));
                return skip + number(count.eval(base, context));
            } catch (ArangoError e) {
                return Long.MAX_VALUE;
            }
        }

        /** The preceding SORT kept only the rows this LIMIT needs: fullCount must count the rows before it. */
        void rowsBeforeSort(int rows, QueryContext context) {
            context.rowsBeforeSort.put(this, rows);
        }

        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            long skip = offset == null ? 0 : number(offset.eval(base, context));
            long take = number(count.eval(base, context));
            Integer total = context.rowsBeforeSort.remove(this);
            if (lastTopLevel && context.fullCountRequested) {
                context.fullCount = (long) (total != null ? total : rows.size());
            }
            int from = (int) Math.min(skip, rows.size());
            int to = (int) Math.min((long) from + take, rows.size());
            return new ArrayList<>(rows.subList(from, to));
        }

        private static long number(JsonNode value) {
            if (value == null || !value.isNumber() || value.asDouble() < 0) {
                throw new ArangoError(ArangoError.HTTP_BAD, ArangoError.QUERY_NUMBER_OUT_OF_RANGE,
                        "AQL: number out of range (while parsing)");
            }
            return (long) value.asDouble();
        }
    }

    record Group(String variable, Expr value) {
    }

    /** {@code COLLECT [var = expr, ...] [WITH COUNT INTO n]}: groups sorted by their values, like ArangoDB's default. */
    record Collect(List<Group> groups, String countVariable) implements Operation {
        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            if (groups.isEmpty()) {
                Scope out = base;
                if (countVariable != null) {
                    out = out.with(countVariable, Values.number(rows.size()));
                }
                return List.of(out);
            }
            TreeMap<JsonNode[], long[]> counted = new TreeMap<>((a, b) -> {
                for (int i = 0; i < a.length; i++) {
                    int c = Values.compare(a[i], b[i]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            for (Scope row : rows) {
                JsonNode[] key = new JsonNode[groups.size()];
                for (int i = 0; i < groups.size(); i++) {
                    key[i] = Values.orNull(groups.get(i).value().eval(row, context));
                }
                counted.computeIfAbsent(key, k -> new long[1])[0]++;
            }
            List<Scope> out = new ArrayList<>();
            counted.forEach((key, count) -> {
                Scope row = base;
                for (int i = 0; i < groups.size(); i++) {
                    row = row.with(groups.get(i).variable(), key[i]);
                }
                if (countVariable != null) {
                    row = row.with(countVariable, Values.number(count[0]));
                }
                out.add(row);
            });
            return out;
        }

        public void collections(Set<String> names) {
            groups.forEach(g -> g.value().collections(names));
        }
    }
}
