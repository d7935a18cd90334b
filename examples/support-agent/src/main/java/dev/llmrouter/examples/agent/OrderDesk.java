package dev.llmrouter.examples.agent;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The shop's order database, an H2 database in memory, and the two operations the agent's route tools call:
 * looking an order up, and filing a refund request (accepted only for a delivered order, once).
 */
public final class OrderDesk implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepOpen;

    /** A fresh database under {@code name}, with the sample orders. */
    public OrderDesk(String name) throws SQLException {
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        keepOpen = dataSource.getConnection();
        try (Statement s = keepOpen.createStatement()) {
            s.execute("DROP TABLE IF EXISTS refunds");
            s.execute("DROP TABLE IF EXISTS orders");
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(40), item VARCHAR(60),"
                      + " status VARCHAR(20), delivered_on DATE, total DECIMAL(10,2))");
            s.execute("CREATE TABLE refunds (id IDENTITY PRIMARY KEY, order_id BIGINT, reason VARCHAR(200),"
                      + " amount DECIMAL(10,2))");
            s.execute("INSERT INTO orders VALUES"
                      + " (1001, 'Alex Moreau', 'desk lamp', 'SHIPPED', NULL, 39.90),"
                      + " (1002, 'Alex Moreau', 'wireless headphones', 'DELIVERED', DATE '2026-11-28', 59.00),"
                      + " (1003, 'Sam Okafor', 'standing desk', 'SHIPPED', NULL, 420.00),"
                      + " (2001, 'Dana Lee', 'notebook', 'DELIVERED', DATE '2026-09-02', 4.50),"
                      + " (2002, 'Dana Lee', 'fountain pen', 'DELIVERED', DATE '2026-09-14', 24.00),"
                      + " (2003, 'Dana Lee', 'ink, blue', 'DELIVERED', DATE '2026-10-01', 6.00),"
                      + " (2004, 'Dana Lee', 'ink, black', 'DELIVERED', DATE '2026-10-19', 6.00),"
                      + " (2005, 'Dana Lee', 'desk pad', 'DELIVERED', DATE '2026-11-03', 18.00),"
                      + " (2006, 'Dana Lee', 'pen case', 'DELIVERED', DATE '2026-11-20', 12.00)");
        }
    }

    /** Tool {@code lookup_order}: the order as JSON, or an error object when there is no such order. */
    public String lookup(OrderQuery query) throws SQLException, JsonProcessingException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, customer, item, status, delivered_on, total FROM orders WHERE id = ?")) {
            ps.setLong(1, query.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return JSON.writeValueAsString(Map.of("error", "there is no order " + query.orderId()));
                }
                Map<String, Object> order = new LinkedHashMap<>();
                order.put("id", rs.getLong(1));
                order.put("customer", rs.getString(2));
                order.put("item", rs.getString(3));
                order.put("status", rs.getString(4));
                order.put("deliveredOn", rs.getDate(5) == null ? null : rs.getDate(5).toString());
                order.put("total", rs.getBigDecimal(6).toPlainString() + " USD");
                return JSON.writeValueAsString(order);
            }
        }
    }

    /** Tool {@code request_refund}: files the refund when the order was delivered and not refunded yet. */
    public String refund(RefundRequest request) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT status, total FROM orders WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, request.orderId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return "refused: there is no order " + request.orderId();
                    }
                    if ("REFUND_REQUESTED".equals(rs.getString(1))) {
                        return "refused: a refund of order " + request.orderId() + " was already requested";
                    }
                    if (!"DELIVERED".equals(rs.getString(1))) {
                        return "refused: order " + request.orderId() + " has not been delivered yet (status "
                               + rs.getString(1) + ")";
                    }
                    BigDecimal amount = rs.getBigDecimal(2);
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO refunds (order_id, reason, amount) VALUES (?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS);
                         PreparedStatement upd = c.prepareStatement("UPDATE orders SET status = 'REFUND_REQUESTED' WHERE id = ?")) {
                        ins.setLong(1, request.orderId());
                        ins.setString(2, request.reason());
                        ins.setBigDecimal(3, amount);
                        ins.executeUpdate();
                        upd.setLong(1, request.orderId());
                        upd.executeUpdate();
                        long id;
                        try (ResultSet keys = ins.getGeneratedKeys()) {
                            keys.next();
                            id = keys.getLong(1);
                        }
                        c.commit();
                        return "accepted: refund R-" + id + " of " + amount.toPlainString() + " USD for order "
                               + request.orderId();
                    }
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The refunds filed, as {@code orderId:amount}, in order. */
    public List<String> refunds() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT order_id, amount FROM refunds ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + ":" + rs.getBigDecimal(2).toPlainString());
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = keepOpen.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            keepOpen.close();
        }
    }
}
