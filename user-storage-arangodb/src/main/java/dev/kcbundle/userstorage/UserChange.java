package dev.kcbundle.userstorage;

import dev.kcbundle.userstorage.document.UserDocument;
import dev.kcbundle.userstorage.document.UserPatch;

/**
 * One change to a user, expressed as an operation on the document (set an attribute, join a group, grant a role...)
 * rather than as the values it produces, so that it can be applied again to a newer revision of the document.
 * Returns the patch (the document's setters change the document and hand it out), or {@link UserPatch#NONE} when the
 * document already is as the change wants it.
 */
@FunctionalInterface
interface UserChange {

    UserPatch applyTo(UserDocument document);
}
