export const id = 95;
export const ids = [95];
export const modules = {

/***/ 9095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   wire: () => (/* binding */ wire)
/* harmony export */ });
/* harmony import */ var _shared_aws_test_listener_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6671);
/* harmony import */ var _shared_wiring_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1058);


/** The only place blue-green builds adapters (loaded once the inputs are valid). */
function wire(inputs, context) {
    const { ports, clients } = (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_1__/* .awsPorts */ .E_)(inputs, context);
    const testListenerArn = inputs['test-listener-arn'];
    const plan = {
        ...(0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_1__/* .twoColorPlan */ .J3)(inputs, clients),
        phase: inputs.phase,
        taskDefinition: inputs.taskDefinition,
        preparedTaskDefinition: inputs['task-definition-arn'],
    };
    (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_1__/* .warnIfRunOutlivesCredentials */ .A_)(inputs, plan, inputs.phase === 'prepare' ? 0 : 1, context.log);
    return {
        plan,
        ports: {
            ...ports,
            testListener: testListenerArn ? new _shared_aws_test_listener_js__WEBPACK_IMPORTED_MODULE_0__/* .AlbTestListener */ ._(clients.elb, testListenerArn) : undefined,
            onTaskDefinition: context.onTaskDefinition,
        },
    };
}


/***/ })

};
