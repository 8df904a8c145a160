package io.quantumleap.gateway.auth;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest
{
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1024, 1, 1);

    @Test
    void shouldVerifyTheRightPasswordAndRefuseAWrongOne()
    {
        final String hash = hasher.hash("correct horse battery staple");

        assertTrue(hash.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        assertTrue(hasher.verify("correct horse battery staple", hash));
        assertFalse(hasher.verify("correct horse battery stapler", hash));
    }

    @Test
    void shouldSaltEveryHashDifferently()
    {
        assertNotEquals(hasher.hash("same"), hasher.hash("same"));
    }

    @Test
    void shouldRefuseMalformedHashesWithoutThrowing()
    {
        assertFalse(hasher.verify("x", null));
        assertFalse(hasher.verify("x", ""));
        assertFalse(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=zz,t=1,p=1$AAAA$AAAA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertFalse(hasher.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA"));
    }

    @Test
    void shouldAskForARehashWhenParametersWereWeaker()
    {
        final PasswordHasher stronger = new PasswordHasher(new SecureRandom(), 2048, 1, 1);

        assertTrue(stronger.needsRehash(hasher.hash("p")));
        assertFalse(hasher.needsRehash(hasher.hash("p")));
    }
}
