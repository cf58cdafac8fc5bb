package dev.kcbundle.arangodb.testserver.aql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kcbundle.arangodb.testserver.store.ArangoError;
import dev.kcbundle.arangodb.testserver.store.Values;
import java.util.ArrayList;
import java.util.List;

/** FILTER, SORT, LIMIT and COLLECT WITH COUNT INTO. */
final class SimpleOperations {

    private SimpleOperations() {}

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
    }

    record SortKey(Expr value, boolean ascending) {}

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
            return out;
        }
    }

    static final class Limit implements Operation {
        private final Expr offset;
        private final Expr count;

        Limit(Expr offset, Expr count) {
            this.offset = offset;
            this.count = count;
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

        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            long skip = offset == null ? 0 : number(offset.eval(base, context));
            long take = number(count.eval(base, context));
            int from = (int) Math.min(skip, rows.size());
            int to = (int) Math.min((long) from + take, rows.size());
            return new ArrayList<>(rows.subList(from, to));
        }

        private static long number(JsonNode value) {
            if (value == null || !value.isNumber() || value.asDouble() < 0) {
                throw new ArangoError(
                        ArangoError.HTTP_BAD,
                        ArangoError.QUERY_NUMBER_OUT_OF_RANGE,
                        "AQL: number out of range (while parsing)");
            }
            return (long) value.asDouble();
        }
    }

    /** {@code COLLECT WITH COUNT INTO variable}: one row holding the number of rows. */
    record CountInto(String variable) implements Operation {
        public List<Scope> apply(List<Scope> rows, Scope base, QueryContext context) {
            return List.of(base.with(variable, Values.number(rows.size())));
        }
    }
}
