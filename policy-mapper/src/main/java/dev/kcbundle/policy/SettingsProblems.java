package dev.kcbundle.policy;

import java.util.Set;

/** Message keys of the problems {@link MapperSettingsCheck} reports, translated in this jar's admin messages. */
public final class SettingsProblems {

    static final String INVALID_SWITCH = "policyMapperInvalidSwitch";
    static final String INVALID_CLAIM_NAME = "policyMapperInvalidClaimName";
    static final String RESERVED_CLAIM_NAME = "policyMapperReservedClaimName";
    static final String DUPLICATE_CLAIM_NAME = "policyMapperDuplicateClaimName";
    static final String UNKNOWN_CLIENT = "policyMapperUnknownClient";
    static final String POLICIES_NOT_DECLARED = "policyMapperPoliciesNotDeclared";

    /** Every key above. */
    public static final Set<String> MESSAGE_KEYS = Set.of(
            INVALID_SWITCH,
            INVALID_CLAIM_NAME,
            RESERVED_CLAIM_NAME,
            DUPLICATE_CLAIM_NAME,
            UNKNOWN_CLIENT,
            POLICIES_NOT_DECLARED);

    private SettingsProblems() {}
}
