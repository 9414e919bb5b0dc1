import { createDelegationSudApp } from './stack.js'

/** `cdk synth` entry point (cdk.json): `npx cdk synth -c stage=prod`. */
createDelegationSudApp().app.synth()
