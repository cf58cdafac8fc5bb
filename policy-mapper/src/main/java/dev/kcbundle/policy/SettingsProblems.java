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

    /** The console's alert title names the refusal with this summary; see {@link AdminRefusal}. */
    static final String SUMMARY = "policyMapperSettingsRefused";

    /** Its text is {@code {0}} in every language: the translated refusal, its only parameter, as it is. */
    static final String AS_IS = "policyMapperRefusal";

    /** Every key above. */
    public static final Set<String> MESSAGE_KEYS = Set.of(
            INVALID_SWITCH,
            INVALID_CLAIM_NAME,
            RESERVED_CLAIM_NAME,
            DUPLICATE_CLAIM_NAME,
            UNKNOWN_CLIENT,
            POLICIES_NOT_DECLARED,
            SUMMARY,
            AS_IS);

    /**
     * Keys of Keycloak's own console that its German messages (26.7.3) lack, so the alert over a refusal would read
     * English: this jar's German messages hold them (a Keycloak that translates them wins over provider jars).
     */
    public static final Set<String> KEYCLOAK_KEYS_IN_GERMAN = Set.of("mappingCreatedError", "mappingUpdatedError");

    private SettingsProblems() {}
}
