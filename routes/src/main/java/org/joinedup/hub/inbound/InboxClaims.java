package org.joinedup.hub.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.joinedup.hub.platform.HubInstance;

/**
 * The inboxes' cluster lock: Camel's idempotent read lock over the hub's database, so that of the hub instances
 * watching one inbox exactly one takes each file. A claim is held by a live instance ({@link HubInstance}); an
 * instance that died loses its claims after {@link HubInstance#PRESUMED_DEAD}, and another (or its own restart)
 * takes the file. A claim is released when the file has been dealt with (moved to {@code done/} or
 * {@code rejected/}) or its processing rolled back.
 */
@ApplicationScoped
@Named("inboxClaims")
public class InboxClaims extends ServiceSupport implements IdempotentRepository {

    private static final String CLAIM = """
            insert into inbox_claim (claim_key, instance) values (?, ?)
            on conflict (claim_key) do update set instance = excluded.instance, claimed_at = now()
            where not exists (select 1 from hub_instance h where h.id = inbox_claim.instance
                              and h.seen_at > now() - make_interval(secs => ?))
            returning claim_key""";

    @Inject
    DataSource database;

    @Inject
    HubInstance instance;

    @Override
    public boolean add(String key) {
        try (Connection c = database.getConnection(); PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setString(1, key);
            claim.setString(2, instance.id());
            claim.setLong(3, HubInstance.PRESUMED_DEAD.toSeconds());
            try (ResultSet claimed = claim.executeQuery()) {
                return claimed.next();
            }
        } catch (SQLException e) {
            return false; // the database is not there: nobody takes the file now; it is tried at the next poll
        }
    }

    @Override
    public boolean contains(String key) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("select 1 from inbox_claim where claim_key = ?")) {
            query.setString(1, key);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        try (Connection c = database.getConnection(); PreparedStatement delete = c.prepareStatement(
                "delete from inbox_claim where claim_key = ? and instance = ?")) {
            delete.setString(1, key);
            delete.setString(2, instance.id());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            return false; // left to go stale and be taken over
        }
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        try (Connection c = database.getConnection(); PreparedStatement delete = c.prepareStatement(
                "delete from inbox_claim where instance = ?")) {
            delete.setString(1, instance.id());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
