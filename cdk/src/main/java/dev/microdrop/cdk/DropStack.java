package dev.microdrop.cdk;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stack of one drop.
 *
 * <p>Empty for now: the per-drop resources (the single table, the SnapStart catalog and
 * checkout functions with their URLs, and their grants) come with a later issue. Until then
 * this class exists so the CDK app compiles, synthesizes and has a place for them.
 */
public class DropStack extends Stack {

    public DropStack(Construct scope, String id) {
        this(scope, id, null);
    }

    public DropStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
    }
}
