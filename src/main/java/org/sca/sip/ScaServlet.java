package org.sca.sip;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;

public class ScaServlet extends SipServlet {
    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        req.createResponse(200).send();
    }
}
