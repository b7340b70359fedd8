package dev.microdrop.cdk;

import software.amazon.awscdk.App;

/** Entry point of the CDK app: {@code cdk synth} runs this through Maven (see cdk.json). */
public final class MicrodropApp {

    private MicrodropApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new DropStack(app, "MicrodropDrop");
        app.synth();
    }
}
